package io.connectionkit.sql;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

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
        String suggestion = closest(key, valid).map(k -> "Did you mean " + k + "? ").orElse("");
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

    /**
     * The valid key a typo most likely meant: the one fewest edits away, if that is at most a
     * third of its length (two for short keys); else one that starts with the key ({@code user}).
     */
    static Optional<String> closest(String key, Collection<String> valid) {
        Optional<String> nearest = valid.stream()
                .filter(candidate -> distance(key, candidate) <= Math.max(2, candidate.length() / 3))
                .filter(candidate -> distance(key, candidate) < candidate.length())
                .min(Comparator.comparingInt(candidate -> distance(key, candidate)));
        return nearest.or(() -> valid.stream()
                .filter(candidate -> key.length() >= 3 && candidate.toLowerCase(Locale.ROOT).startsWith(key.toLowerCase(Locale.ROOT)))
                .findFirst());
    }

    /** Levenshtein distance, ignoring case. */
    private static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
