package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionProviderTest {

    /** A provider that overrides only what it must. */
    static final class MinimalProvider implements ConnectionProvider {
        @Override
        public String type() {
            return "minimal";
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<? extends BaseConnection<?>> connectionClass() {
            return (Class) BaseConnection.class;
        }

        @Override
        public BaseConnection<?> create(ConnectionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aliasesExtraSensitiveKeysAndSecretsInsideValuesDefaultToNone() {
        ConnectionProvider provider = new MinimalProvider();

        assertThat(provider.aliases()).isEmpty();
        assertThat(provider.sensitiveKeys()).isEmpty();
        assertThat(provider.secretsIn(ConnectionConfig.of("connections.pets", java.util.Map.of("url", "x://u:pw@h"))))
                .isEmpty();
    }
}
