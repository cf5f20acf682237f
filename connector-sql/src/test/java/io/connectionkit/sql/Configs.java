package io.connectionkit.sql;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;

/** Test configurations that look as if read from a secrets file, so messages show {@code file:line}. */
final class Configs {

    static final String FILE = ".streamlit/secrets.toml";

    private Configs() {
    }

    /**
     * A {@code [connections.pets]} section on line 1 of {@link #FILE}, one key a line from line 2:
     * {@code section("dialect", "postgresql", "host", "db")}. A {@code Map} value is a table.
     */
    static ConnectionConfig section(Object... keysAndValues) {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections.pets").source(ConfigSource.file(FILE, 1));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.put((String) keysAndValues[i], keysAndValues[i + 1], ConfigSource.file(FILE, i / 2 + 2));
        }
        return builder.build();
    }

    /** {@code base} with {@code keysAndValues} laid over it as options. */
    static ConnectionConfig withOptions(ConnectionConfig base, Object... keysAndValues) {
        ConnectionConfig.Builder builder = ConnectionConfig.builder(base.path()).putAll(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.put((String) keysAndValues[i], keysAndValues[i + 1], ConfigSource.OPTION);
        }
        return builder.build();
    }
}
