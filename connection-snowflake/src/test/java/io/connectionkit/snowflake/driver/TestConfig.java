package io.connectionkit.snowflake.driver;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection's configuration as a connector would find it: a secrets section
 * ({@code [connections.<name>]} on line 1 of {@link #SECRETS}, one key a line after it) with
 * options over it, and a home directory of the test's own.
 */
final class TestConfig {

    static final String SECRETS = ".streamlit/secrets.toml";

    private final String name;
    private final Path home;
    private final Map<String, Object> secrets = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();

    TestConfig(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    /** Adds a key to the secrets section, on the next line. */
    TestConfig secret(String key, Object value) {
        secrets.put(key, value);
        return this;
    }

    /** Adds an option given in code. */
    TestConfig option(String key, Object value) {
        options.put(key, value);
        return this;
    }

    ConnectionConfig config() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections." + name)
                .sensitiveKeys(SnowflakeSettings.SENSITIVE_KEYS);
        int line = 2;
        for (Map.Entry<String, Object> secret : secrets.entrySet()) {
            builder.put(secret.getKey(), secret.getValue(), ConfigSource.file(SECRETS, line++));
        }
        options.forEach((key, value) -> builder.put(key, value, ConfigSource.OPTION));
        return builder.source(secrets.isEmpty() ? ConfigSource.OPTION : ConfigSource.file(SECRETS, 1)).build();
    }

    SnowflakeSettings resolve() {
        ConnectionConfig config = config();
        return SnowflakeSettings.of(config, config.source().toString(), home);
    }
}
