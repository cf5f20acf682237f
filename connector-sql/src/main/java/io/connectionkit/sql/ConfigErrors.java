package io.connectionkit.sql;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import java.util.Collection;

/**
 * The connector's configuration errors, worded alike: the dotted key, the problem, where the key
 * was set ({@code file:line} or {@code option}), and what to do. A problem never quotes a
 * configuration value (a port may be a password written in the wrong place): it names the key,
 * its source, and what is expected; key names and where a URL leads may be shown.
 */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /** {@code connections.pets.port: <problem> (.streamlit/secrets.toml:7). <hint>.} */
    static ConnectionConfigException at(ConnectionConfig config, String key, String problem, String hint) {
        return error(config.path() + "." + key + ": " + problem + " (" + sourceOf(config, key) + ")", hint);
    }

    /** {@code connections.pets.url (file:2) and connections.pets.password (file:4) <problem>. <hint>.} */
    static ConnectionConfigException twoKeys(ConnectionConfig first, String firstKey, ConnectionConfig second,
                                             String secondKey, String problem, String hint) {
        return error(first.path() + "." + firstKey + " (" + sourceOf(first, firstKey) + ") and " + second.path() + "."
                + secondKey + " (" + sourceOf(second, secondKey) + ") " + problem, hint);
    }

    private static String sourceOf(ConnectionConfig config, String key) {
        return config.sourceOf(key).map(ConfigSource::toString).orElse("not set");
    }

    /** {@code connections.pets.host <problem> (section [connections.pets] at .streamlit/secrets.toml:3). <hint>.} */
    static ConnectionConfigException missing(ConnectionConfig config, String key, String problem, String hint) {
        return error(config.path() + "." + key + " " + problem + section(config), hint);
    }

    /**
     * {@code connections.pets.usernme: unknown setting (file:5). Did you mean username? Valid settings: ...}
     *
     * @param kind what the key should have been, singular: {@code setting}
     */
    static ConnectionConfigException unknownKey(ConnectionConfig config, String key, String kind, Collection<String> valid) {
        String suggestion = ConnectionConfig.nearestKey(key, valid).map(k -> "Did you mean " + k + "? ").orElse("");
        return at(config, key, "unknown " + kind, suggestion + "Valid " + kind + "s: " + String.join(", ", valid));
    }

    /** Where a table was defined, for a key missing from it: {@code  (section [connections.pets] at file:3)}. */
    static String section(ConnectionConfig config) {
        ConfigSource source = config.source();
        if (source.equals(ConfigSource.NONE)) {
            return "";
        }
        return " (section [" + config.path() + "] " + (source.equals(ConfigSource.OPTION) ? "from options" : "at " + source) + ")";
    }

    private static ConnectionConfigException error(String message, String hint) {
        String text = hint == null ? message : message + ". " + hint;
        return new ConnectionConfigException(text.endsWith(".") ? text : text + ".");
    }
}
