package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The configuration of one connection: options given in code over the
 * {@code [connections.<name>]} table of the secrets, key by key. A typed, source-aware view:
 * every value knows the file and line it came from (or that it was an option), and a value of
 * the wrong type is an error that names the key and that place, never the value, such as
 * {@code connections.pets.port: expected an integer but found a string (.streamlit/secrets.toml:7)}.
 *
 * <p>Values are TOML's: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, the
 * {@code java.time} types, immutable {@link List}s, and nested tables, which are
 * {@code ConnectionConfig}s themselves. Instances are immutable and thread-safe.
 *
 * <p>Its secrets are a set of values: those of its {@linkplain #isSensitive(String) sensitive
 * keys}, and those its connector finds inside other values ({@link ConnectionProvider#secretsIn},
 * a password inside a URL, say). They never show in {@code toString()} or {@link #masked()};
 * {@link #mask(String)} and {@link #redact(Throwable)} take them out of what a driver says.
 * Sealed: ConnectionKit builds configurations and connectors receive them, so that every one masks alike.
 */
public sealed interface ConnectionConfig permits MapConnectionConfig {

    /** The dotted path of this table, {@code connections.pets}; used in messages. */
    String path();

    /** Where the table was defined: the first line of its section, or {@link ConfigSource#OPTION}. */
    ConfigSource source();

    boolean isEmpty();

    boolean contains(String key);

    /** The keys, in the order they were defined. */
    Set<String> keys();

    /** Where the value of {@code key} came from. */
    Optional<ConfigSource> sourceOf(String key);

    /**
     * Whether the value of {@code key} is a secret that must never be shown: {@code password},
     * {@code token}, {@code private_key}, {@code private_key_passphrase}, {@code passcode},
     * {@code secret}, {@code client_secret}, any key ending in {@code token}, {@code password},
     * {@code passwd}, {@code pwd}, {@code secret}, {@code secret_key}, {@code secret_access_key},
     * {@code api_key}, {@code apikey} or {@code passphrase}, whatever its case, and the provider's
     * {@link ConnectionProvider#sensitiveKeys()}. A table or list under such a key is secret whole;
     * a boolean under one is not, as it cannot hold a secret.
     */
    boolean isSensitive(String key);

    /**
     * The raw value: a TOML value, an option as given, or a nested {@code ConnectionConfig}. A
     * {@link Map} given as an option is held as a nested table, a collection as an immutable {@link List}.
     */
    Optional<Object> value(String key);

    /** A string value; a number, boolean or enum is given as its {@code toString()} text. */
    Optional<String> string(String key);

    /**
     * A string value that must be present and not blank.
     *
     * @throws ConnectionConfigException naming the key when it is missing or blank, or of the wrong type
     */
    String requireString(String key);

    /** An integer in the range of {@code int}; a string of digits is accepted. */
    Optional<Integer> integer(String key);

    /** An integer; a string of digits is accepted. */
    Optional<Long> longValue(String key);

    /** A number; an integer or a numeric string is accepted. */
    Optional<Double> number(String key);

    /** A boolean; the strings {@code true} and {@code false} are accepted. */
    Optional<Boolean> bool(String key);

    /** An array. */
    Optional<List<@Nullable Object>> list(String key);

    /** A nested table, such as {@code create_engine_kwargs}. */
    Optional<ConnectionConfig> table(String key);

    /** All values, nested tables as maps; immutable. Contains secrets: do not log it. */
    Map<String, Object> asMap();

    /**
     * {@link #asMap()} with the value of every sensitive key replaced by {@code ****}, and every
     * secret inside another value masked as {@link #mask} masks it: safe to show.
     */
    Map<String, Object> masked();

    /**
     * {@code text} with every secret value of this configuration (of the whole connection's, for a
     * nested table) replaced by {@code ****}, however short; where a secret is part of a longer
     * word, the whole word is replaced. Text without a secret comes back unchanged. For what a
     * driver or a library says, where it becomes a message or log line of yours.
     */
    @Nullable String mask(@Nullable String text);

    /**
     * {@code error} itself if no message or {@code toString()} in its cause chain (suppressed
     * exceptions included) shows a secret; otherwise a copy of the chain whose messages are
     * {@linkplain #mask masked}, each copy keeping the stack trace and naming the original
     * exception class in its {@code toString()}. A {@link ConnectionConfigException}, or a
     * subclass, is copied as a {@code ConnectionConfigException}. The copies carry no SQL state:
     * read what you need from the original first, as {@link QueryException#of} does.
     */
    @Nullable Throwable redact(@Nullable Throwable error);

    /** A configuration that holds nothing. */
    static ConnectionConfig empty(String path) {
        return builder(path).build();
    }

    /** A configuration of options given in code; a {@link Map} value becomes a nested table. */
    static ConnectionConfig of(String path, Map<String, ?> options) {
        Objects.requireNonNull(options, "options");
        Builder builder = builder(path).source(ConfigSource.OPTION);
        options.forEach((key, value) -> builder.put(key, value, ConfigSource.OPTION));
        return builder.build();
    }

    /** Builds a configuration value by value, each with its source. */
    static Builder builder(String path) {
        return new Builder(path);
    }

    /**
     * The key of {@code validKeys} that a misspelled {@code key} most likely meant, for a
     * "did you mean" in an error: the one fewest edits away, ignoring case, if that is at most a
     * third of its length (two for short keys); else the first that starts with {@code key}, when
     * {@code key} has three characters or more ({@code user} for {@code username}). Empty when none is
     * near. Compares names only: pass keys, never values.
     */
    static Optional<String> nearestKey(String key, Collection<String> validKeys) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validKeys, "validKeys");
        Optional<String> nearest = validKeys.stream()
                .filter(candidate -> editDistance(key, candidate) <= Math.max(2, candidate.length() / 3))
                .filter(candidate -> editDistance(key, candidate) < candidate.length())
                .min(Comparator.comparingInt(candidate -> editDistance(key, candidate)));
        return nearest.or(() -> validKeys.stream()
                .filter(candidate -> key.length() >= 3
                        && candidate.toLowerCase(Locale.ROOT).startsWith(key.toLowerCase(Locale.ROOT)))
                .findFirst());
    }

    /** Levenshtein distance, ignoring case. */
    private static int editDistance(String a, String b) {
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

    /**
     * Builds a {@link ConnectionConfig}. A later {@link #put} of a key replaces the earlier one,
     * except that two tables merge key by key, so options can be laid over a secrets section.
     * Not thread-safe; {@link #build()} may be called more than once.
     */
    final class Builder {
        private final String path;
        private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();
        private final Set<String> sensitiveKeys = new HashSet<>();
        private @Nullable Function<? super ConnectionConfig, ? extends Collection<String>> secretFinder;
        private final Set<String> carriedSecrets = new LinkedHashSet<>();
        private ConfigSource source = ConfigSource.NONE;

        Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Where the table itself was defined. */
        public Builder source(ConfigSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Adds keys to mask, beyond the ones always masked, here and in every nested table; case is ignored. */
        public Builder sensitiveKeys(Collection<String> keys) {
            Objects.requireNonNull(keys, "keys").forEach(key -> sensitiveKeys.add(key.toLowerCase(Locale.ROOT)));
            return this;
        }

        /**
         * Adds the secrets a connector finds inside values, typically
         * {@code provider::secretsIn} ({@link ConnectionProvider#secretsIn}); it is asked once, with
         * the built configuration, when secrets are first needed. Should it throw (a
         * {@link RuntimeException} or a {@link LinkageError}), every value of the configuration is
         * taken for a secret, and nothing is logged or thrown: a finder that should be heard of
         * when it fails reports that itself and rethrows, as the core's does (it logs a warning
         * through SLF4J naming the connector).
         *
         * @throws IllegalStateException if a finder was already set
         */
        public Builder secretsFoundBy(Function<? super ConnectionConfig, ? extends Collection<String>> finder) {
            Objects.requireNonNull(finder, "finder");
            if (secretFinder != null) {
                throw new IllegalStateException("secretsFoundBy was already set for " + path);
            }
            this.secretFinder = finder;
            return this;
        }

        /**
         * Masks the secrets of {@code earlier} too (its own, not those it carried over): for a
         * configuration that replaces one whose client may still be in use, so that what the old
         * client says is masked with the secrets it was given.
         */
        public Builder secretsOf(ConnectionConfig earlier) {
            carriedSecrets.addAll(((MapConnectionConfig) Objects.requireNonNull(earlier, "earlier")).ownSecretValues());
            return this;
        }

        /**
         * Sets {@code key}. A {@link Map} or {@link ConnectionConfig} value is a nested table and
         * merges with a table already under the key; other values replace what was there.
         *
         * @throws IllegalArgumentException if {@code value} is null
         */
        public Builder put(String key, Object value, ConfigSource source) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(source, "source");
            if (value == null) {
                throw new IllegalArgumentException(path + "." + key + ": a configuration value must not be null");
            }
            entries.merge(key, ConfigEntry.of(path + "." + key, value, source), ConfigEntry::overlay);
            return this;
        }

        /**
         * Sets every key of {@code other} as {@link #put} would, keeping their sources, its extra
         * sensitive keys and its secrets, so that a copy never masks less than its original; takes
         * its {@link ConnectionConfig#source() source} if none is set yet. Its secret finder is not
         * taken: the values a copy adds are found only by a finder of its own.
         */
        public Builder putAll(ConnectionConfig other) {
            Objects.requireNonNull(other, "other");
            for (String key : other.keys()) {
                put(key, other.value(key).orElseThrow(), other.sourceOf(key).orElse(ConfigSource.NONE));
            }
            MapConnectionConfig copied = (MapConnectionConfig) other; // sealed: the one implementation
            sensitiveKeys.addAll(copied.extraSensitiveKeys());
            carriedSecrets.addAll(copied.secretValues());
            if (source == ConfigSource.NONE) {
                source = other.source();
            }
            return this;
        }

        public ConnectionConfig build() {
            return new MapConnectionConfig(path, source, entries, sensitiveKeys, secretFinder, carriedSecrets);
        }
    }
}
