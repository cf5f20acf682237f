package io.connectionkit.testkit;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One check of the kit: a secret planted in the configuration, a fake clock, the logs captured,
 * and the registries built, each closed at the end. Closing fails the check when the secret
 * was logged.
 */
final class KitRun<C extends BaseConnection<?>> implements AutoCloseable {

    /** The connection the kit asks for, and a second one with the same configuration. */
    static final String NAME = "kit";
    static final String OTHER_NAME = "kit_other";

    final String secret = "kit-secret-" + UUID.randomUUID().toString().replace("-", "");
    final FakeClock clock = new FakeClock();
    final CapturedLogs logs = CapturedLogs.start(secret);
    private final ConnectorTestKit<C> kit;
    private final List<ConnectionRegistry> registries = new ArrayList<>();
    private ConnectionProvider provider;

    private KitRun(ConnectorTestKit<C> kit) {
        this.kit = kit;
    }

    static <C extends BaseConnection<?>> KitRun<C> start(ConnectorTestKit<C> kit) {
        return new KitRun<>(kit);
    }

    ConnectionProvider provider() {
        if (provider == null) {
            provider = ServiceRegistration.requireProvider(kit.connectionClass());
        }
        return provider;
    }

    /** The working configuration with this run's secret. */
    ConnectorConfig configuration() {
        return kit.configuration(secret);
    }

    /** A new registry over {@code config}, with {@link #NAME} and {@link #OTHER_NAME} both configured by it. */
    ConnectionRegistry registry(ConnectorConfig config) {
        StringBuilder toml = new StringBuilder();
        if (config.tomlSection() != null) {
            for (String name : List.of(NAME, OTHER_NAME)) {
                toml.append("[connections.").append(name).append("]\ntype = \"").append(provider().type()).append("\"\n")
                        .append(config.tomlSection()).append("\n\n");
            }
        }
        ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles().secretsToml(toml.toString())
                .ticker(clock).watchSecrets(false).build();
        registries.add(registry);
        return registry;
    }

    /** A new registry over the working configuration. */
    ConnectionRegistry registry() {
        return registry(configuration());
    }

    /** Connection {@code name} as an application asks for it: from the secrets, or with options in code. */
    C connect(ConnectionRegistry registry, String name, ConnectorConfig config) {
        if (config.tomlSection() != null) {
            return registry.get(name, kit.connectionClass());
        }
        return registry.request(name).type(provider().type()).options(config.optionValues()).get(kit.connectionClass());
    }

    /** Connection {@link #NAME} of a new registry over the working configuration. */
    C connect() {
        ConnectorConfig config = configuration();
        return connect(registry(config), NAME, config);
    }

    /** Connection {@link #NAME} of a new registry, asked for without a class, so the provider's own answer shows. */
    BaseConnection<?> connectAsDeclared() {
        ConnectorConfig config = configuration();
        ConnectionRegistry registry = registry(config);
        if (config.tomlSection() != null) {
            return registry.get(NAME);
        }
        return registry.request(NAME).type(provider().type()).options(config.optionValues()).get();
    }

    /** What asking for {@link #NAME} with the invalid configuration threw, checked for the secret. */
    Throwable connectInvalid(String what) {
        ConnectorConfig invalid = kit.invalidConfiguration(secret);
        ConnectionRegistry registry = registry(invalid);
        return failure(() -> connect(registry, NAME, invalid), what);
    }

    /** What {@code action} threw, after checking that it shows no secret; fails when it throws nothing. */
    Throwable failure(Executable action, String what) {
        try {
            action.execute();
        } catch (Throwable thrown) {
            assertNoSecret(Exceptions.text(thrown), "the exception of " + what);
            return thrown;
        }
        return fail(what + " threw nothing");
    }

    /** Fails when {@code text} shows this run's secret. */
    void assertNoSecret(String text, String where) {
        if (text != null && text.contains(secret)) {
            fail("The secret planted in the configuration shows in " + where + ": " + text.replace(secret, "<SECRET>")
                    + "\nName keys and places in your own messages, never values; wrap a driver's exception with"
                    + " QueryException.of(sql, e, config()) or config().redact(e), and its text with config().mask(text);"
                    + " declare keys that hold secrets in ConnectionProvider.sensitiveKeys(), and secrets inside other"
                    + " values (a URL's password) in ConnectionProvider.secretsIn(config).");
        }
    }

    @Override
    public void close() {
        try {
            for (ConnectionRegistry registry : registries) {
                registry.close();
            }
        } finally {
            logs.close();
        }
        for (String line : logs.lines()) {
            assertNoSecret(line, "a logged message");
        }
    }
}
