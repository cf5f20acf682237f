package io.connectionkit.snowflake;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.snowflake.driver.SnowflakeSettings;

import java.util.Set;

/** Serves type {@code snowflake}; listed in this jar's {@code META-INF/services}. */
public final class SnowflakeConnectionProvider implements ConnectionProvider {

    @Override
    public String type() {
        return "snowflake";
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return SnowflakeConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new SnowflakeConnection(context);
    }

    /** The key-pair passphrase, the token and an inline private key, masked wherever the configuration shows. */
    @Override
    public Set<String> sensitiveKeys() {
        return SnowflakeSettings.SENSITIVE_KEYS;
    }
}
