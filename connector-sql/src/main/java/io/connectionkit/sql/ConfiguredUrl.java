package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a connection's configuration says to connect, as a {@link SqlUrl}: its {@code url}, or,
 * without one, its {@code dialect}, {@code host}, {@code port} and {@code database}; with its
 * {@code query} entries. The one reading of those keys, both for connecting ({@link SqlSettings})
 * and for declaring the secrets found in them ({@link ConfigSecrets}), so that what moves out of a
 * URL is always what is declared. Its errors name the key and its {@code file:line}, never a value.
 */
final class ConfiguredUrl {

    private ConfiguredUrl() {
    }

    /**
     * The URL {@code config} gives.
     *
     * @throws io.connectionkit.api.ConnectionConfigException naming the key at fault
     */
    static SqlUrl of(ConnectionConfig config) {
        Map<String, String> query = query(config);
        return config.contains("url") ? fromUrl(config, query) : fromParts(config, query);
    }

    /** The {@code query} table's entries, as text. */
    static Map<String, String> query(ConnectionConfig config) {
        Map<String, String> query = new LinkedHashMap<>();
        config.table("query").ifPresent(table -> table.keys()
                .forEach(key -> query.put(key, table.string(key).orElseThrow())));
        return query;
    }

    private static SqlUrl fromUrl(ConnectionConfig config, Map<String, String> query) {
        String text = config.requireString("url"); // missing or blank
        try {
            return SqlUrl.parse(text, query, config::isSensitive);
        } catch (SqlUrl.Invalid e) {
            throw ConfigErrors.at(config, "url", e.getMessage(), e.hint());
        }
    }

    private static SqlUrl fromParts(ConnectionConfig config, Map<String, String> query) {
        String example = "url = \"postgresql://user:password@host:5432/database\"";
        String name = config.string("dialect").orElseThrow(() -> ConfigErrors.missing(config, "dialect",
                "is required when url is not set", "Set dialect (" + Dialect.knownNames()
                        + ") with host, username and the rest, or set " + example));
        if (name.isBlank()) {
            throw ConfigErrors.at(config, "dialect", "blank", "Set dialect (" + Dialect.knownNames() + ")");
        }
        Dialect dialect = Dialect.named(name).orElseThrow(() -> ConfigErrors.at(config, "dialect",
                "names no dialect the sql connector knows", Dialect.unknownHint()));
        if (!dialect.embedded()) {
            for (String key : List.of("username", "host")) {
                String value = config.string(key).orElseThrow(() -> ConfigErrors.missing(config, key,
                        "is required for dialect " + dialect.dialectName() + " when url is not set",
                        "Set " + key + ", or set url instead, such as url = \"" + dialect.dialectName()
                                + "://user:password@host:port/database\""));
                if (value.isBlank()) {
                    throw ConfigErrors.at(config, key, "blank", "Set " + key + ", or set url instead");
                }
            }
        }
        Integer port = port(config);
        String host = config.string("host").map(String::strip).orElse(null);
        try {
            return SqlUrl.of(dialect, host, port, config.string("database").orElse(null), query, config::isSensitive);
        } catch (SqlUrl.Invalid e) {
            // An embedded database's name is read as its driver's URL reads it; a server's parts are not.
            throw ConfigErrors.at(config, "database", e.getMessage(), e.hint());
        }
    }

    /**
     * {@code port}, an integer or a string of digits from 1 to 65535. Checked here rather than by
     * {@link ConnectionConfig#integer}, so that the error does not repeat the value: a port that is
     * no number may be a password written where the port goes.
     */
    private static Integer port(ConnectionConfig config) {
        Object value = config.value("port").orElse(null);
        if (value == null) {
            return null;
        }
        String text = value instanceof Number || value instanceof String ? String.valueOf(value).strip() : "";
        if (!UrlText.isPort(text)) {
            throw ConfigErrors.at(config, "port", "expected a port number from 1 to 65535", null);
        }
        return Integer.parseInt(text);
    }
}
