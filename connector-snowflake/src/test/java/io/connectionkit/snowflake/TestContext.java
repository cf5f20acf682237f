package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.snowflake.driver.SnowflakeSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ConnectionContext} for tests, configured as the core would configure it: a secrets
 * section ({@code [connections.<name>]} on line 1 of {@link #SECRETS}, one key a line after it)
 * with options over it, a home directory of the test's own and an environment of its own.
 */
final class TestContext implements ConnectionContext {

    static final String SECRETS = ".streamlit/secrets.toml";

    private final String name;
    private final Path home;
    private final Map<String, Object> secrets = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    TestContext(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    /** Adds a key to the secrets section, on the next line. */
    TestContext secret(String key, Object value) {
        secrets.put(key, value);
        return this;
    }

    /** Adds an option given in code. */
    TestContext option(String key, Object value) {
        options.put(key, value);
        return this;
    }

    /** Sets an environment variable for the connector. */
    TestContext env(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Writes {@code ~/.snowflake/connections.toml}. */
    TestContext connectionsToml(String toml) {
        return write(home.resolve(".snowflake/connections.toml"), toml);
    }

    /** Writes {@code ~/.snowflake/config.toml}. */
    TestContext configToml(String toml) {
        return write(home.resolve(".snowflake/config.toml"), toml);
    }

    TestContext write(Path file, String toml) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SnowflakeSettings resolve() {
        return SnowflakeConfigSearch.resolve(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "snowflake";
    }

    @Override
    public ConnectionConfig config() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections." + name);
        int line = 2;
        for (Map.Entry<String, Object> secret : secrets.entrySet()) {
            builder.put(secret.getKey(), secret.getValue(), ConfigSource.file(SECRETS, line++));
        }
        options.forEach((key, value) -> builder.put(key, value, ConfigSource.OPTION));
        if (!secrets.isEmpty()) {
            builder.source(ConfigSource.file(SECRETS, 1));
        } else if (!options.isEmpty()) {
            builder.source(ConfigSource.OPTION);
        }
        return builder.build();
    }

    @Override
    public Path homeDirectory() {
        return home;
    }

    @Override
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public QueryCache queryCache() {
        return new QueryCache() {
            @Override
            public QueryResult get(String sql, QueryOptions queryOptions, Loader loader) {
                throw new UnsupportedOperationException("settings run no query");
            }

            @Override
            public void clear() {
            }
        };
    }
}
