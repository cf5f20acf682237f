package com.example.duckdb;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import java.util.List;
import java.util.Properties;

/**
 * What the connector reads from {@code [connections.<name>]}: {@code database} (a file, or
 * {@code :memory:}, the default; {@code md:name} or {@code motherduck:name} for MotherDuck),
 * {@code read_only}, {@code motherduck_token} (a secret: the core masks every key ending in
 * {@code _token}) and {@code config}, a table of DuckDB settings such as {@code threads},
 * {@code memory_limit} or {@code http_proxy_password}, passed to the driver as given.
 *
 * @param jdbcUrl    {@code jdbc:duckdb:} and the database
 * @param properties what the driver gets with the URL; may hold secrets (the token, a password in
 *                   {@code config}), never log it
 */
record DuckDBSettings(String jdbcUrl, Properties properties) {

    static final List<String> KEYS = List.of("type", "database", "read_only", "motherduck_token", "config");

    static DuckDBSettings from(ConnectionConfig config) {
        for (String key : config.keys()) {
            if (!KEYS.contains(key)) {
                throw new ConnectionConfigException(config.path() + "." + key + ": unknown setting ("
                        + config.sourceOf(key).map(Object::toString).orElse("?") + "). Valid settings: "
                        + String.join(", ", KEYS));
            }
        }
        String database = config.string("database").map(String::strip).orElse(":memory:");
        if (database.indexOf('?') >= 0) {
            throw new ConnectionConfigException(config.path() + ".database: a database path must not contain '?' ("
                    + config.sourceOf("database").map(Object::toString).orElse("?") + "); put settings in the config table");
        }
        Properties properties = new Properties();
        config.table("config").ifPresent(settings ->
                settings.keys().forEach(key -> properties.setProperty(key, settings.string(key).orElseThrow())));
        if (config.bool("read_only").orElse(false)) {
            properties.setProperty("duckdb.read_only", "true");
        }
        // DuckDB refuses the token as an unknown option unless the database is MotherDuck's.
        if (database.startsWith("md:") || database.startsWith("motherduck:")) {
            config.string("motherduck_token").ifPresent(token -> properties.setProperty("motherduck_token", token));
        }
        return new DuckDBSettings("jdbc:duckdb:" + (database.equals(":memory:") ? "" : database), properties);
    }
}
