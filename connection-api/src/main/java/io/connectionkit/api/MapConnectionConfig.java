package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one implementation of {@link ConnectionConfig}: an ordered map of values with their sources.
 * A nested table belongs to the configuration it was built into (its root): it takes the root's
 * extra sensitive keys, and masks with the root's secrets, so that one connection has one set.
 */
final class MapConnectionConfig implements ConnectionConfig {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final String path;
    private final ConfigSource source;
    private final Map<String, ConfigEntry> entries;
    private final Set<String> extraSensitiveKeys;
    private final @Nullable Function<? super ConnectionConfig, ? extends Collection<String>> secretFinder;
    /** Secret values taken over from configurations this one copies or replaces, wherever they show. */
    private final Set<String> carriedSecrets;
    /** The configuration this table is part of, or this one itself. */
    private final MapConnectionConfig root;
    private volatile @Nullable SecretValues secrets;
    /** Its own secret values, of its keys and found by its finder, once {@link #secrets} is set. */
    private Set<String> ownSecrets = Set.of();
    /** Whether this thread is finding the secrets now: a finder that shows the configuration must not ask again. */
    private boolean finding;

    /** A configuration of its own, whose nested tables become part of it. */
    MapConnectionConfig(String path, ConfigSource source, Map<String, ConfigEntry> entries, Set<String> extraSensitiveKeys,
                        @Nullable Function<? super ConnectionConfig, ? extends Collection<String>> secretFinder,
                        Set<String> carriedSecrets) {
        this(path, source, entries, Set.copyOf(extraSensitiveKeys), secretFinder, Set.copyOf(carriedSecrets), null);
    }

    private MapConnectionConfig(String path, ConfigSource source, Map<String, ConfigEntry> entries,
                                Set<String> extraSensitiveKeys,
                                @Nullable Function<? super ConnectionConfig, ? extends Collection<String>> secretFinder,
                                Set<String> carriedSecrets, @Nullable MapConnectionConfig root) {
        this.path = path;
        this.source = source;
        this.extraSensitiveKeys = extraSensitiveKeys;
        this.secretFinder = secretFinder;
        this.carriedSecrets = carriedSecrets;
        this.root = root == null ? this : root;
        Map<String, ConfigEntry> copy = new LinkedHashMap<>();
        entries.forEach((key, entry) -> copy.put(key, new ConfigEntry(partOfRoot(entry.value()), entry.source())));
        this.entries = Collections.unmodifiableMap(copy);
    }

    /** {@code value} with every table in it, also inside lists (TOML's arrays of tables), made part of {@link #root}. */
    private Object partOfRoot(Object value) {
        if (value instanceof MapConnectionConfig table) {
            Set<String> keys = new HashSet<>(table.extraSensitiveKeys);
            keys.addAll(root.extraSensitiveKeys);
            return new MapConnectionConfig(table.path, table.source, table.entries, Set.copyOf(keys), null,
                    table.carriedSecrets, root);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(partOfRoot(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** The extra sensitive keys, for a builder that copies this configuration. */
    Set<String> extraSensitiveKeys() {
        return extraSensitiveKeys;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ConfigSource source() {
        return source;
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return entries.keySet();
    }

    @Override
    public Optional<ConfigSource> sourceOf(String key) {
        return Optional.ofNullable(entries.get(key)).map(ConfigEntry::source);
    }

    @Override
    public boolean isSensitive(String key) {
        return SecretValues.isSensitiveKey(key, extraSensitiveKeys);
    }

    @Override
    public Optional<Object> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(ConfigEntry::value);
    }

    @Override
    public Optional<String> string(String key) {
        return typed(key, "a string", value -> value instanceof String || value instanceof Number
                || value instanceof Boolean || value instanceof Enum<?> ? value.toString() : null);
    }

    @Override
    public String requireString(String key) {
        String value = string(key).orElseThrow(() -> new ConnectionConfigException(path + "." + key
                + " is required but missing" + (source == ConfigSource.NONE ? "" : " (section defined at " + source + ")")));
        if (value.isBlank()) {
            throw new ConnectionConfigException(path + "." + key + " is required but blank (" + entries.get(key).source() + ")");
        }
        return value;
    }

    @Override
    public Optional<Integer> integer(String key) {
        return longValue(key).map(value -> {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw typeError(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE,
                        "one outside that range");
            }
            return value.intValue();
        });
    }

    @Override
    public Optional<Long> longValue(String key) {
        return typed(key, "an integer", value -> {
            if (isInteger(value)) {
                return ((Number) value).longValue();
            }
            if (value instanceof String s && s.strip().matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(s.strip());
            }
            return null;
        });
    }

    @Override
    public Optional<Double> number(String key) {
        return typed(key, "a number", value -> {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            // Decimal text only: Double.parseDouble would also take "NaN", "Infinity", "0x1p3" and "2d"
            return value instanceof String s && DECIMAL.matcher(s.strip()).matches() ? Double.parseDouble(s.strip()) : null;
        });
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return typed(key, "a boolean", value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            return value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
                    ? Boolean.valueOf(s) : null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<@Nullable Object>> list(String key) {
        return typed(key, "an array", value -> value instanceof List<?> l ? (List<@Nullable Object>) l : null);
    }

    @Override
    public Optional<ConnectionConfig> table(String key) {
        return typed(key, "a table", value -> value instanceof ConnectionConfig c ? c : null);
    }

    /** The value converted, empty when absent; a value {@code convert} maps to null is a type error. */
    private <T> Optional<T> typed(String key, String expected, Function<Object, T> convert) {
        ConfigEntry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        T converted = convert.apply(entry.value());
        if (converted == null) {
            throw typeError(key, expected, kindOf(entry.value()));
        }
        return Optional.of(converted);
    }

    /** Names the key, what was expected and where the value was set; never the value, which may be a secret. */
    private ConnectionConfigException typeError(String key, String expected, String found) {
        return new ConnectionConfigException(path + "." + key + ": expected " + expected + " but found " + found
                + " (" + entries.get(key).source() + ")");
    }

    /** {@code a string}, {@code an integer}, {@code a table}. */
    private static String kindOf(Object value) {
        String kind = value instanceof ConnectionConfig ? "table" : value instanceof List<?> ? "array"
                : value instanceof String ? "string" : isInteger(value) ? "integer" : value instanceof Number ? "number"
                : value instanceof Boolean ? "boolean" : value.getClass().getSimpleName();
        return ("aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    @Override
    public Map<String, Object> asMap() {
        return view(null);
    }

    @Override
    public Map<String, Object> masked() {
        return view(secrets());
    }

    /** The values, masked with {@code secrets} (the root's), or as they are for {@code null}. */
    private Map<String, Object> view(@Nullable SecretValues secrets) {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach((key, entry) -> map.put(key, viewOf(key, entry.value(), secrets)));
        return Collections.unmodifiableMap(map);
    }

    private Object viewOf(String key, Object value, @Nullable SecretValues secrets) {
        if (secrets != null && isSensitive(key)) {
            return SecretValues.MASK;
        }
        if (value instanceof MapConnectionConfig table) {
            return table.view(secrets);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(element == null ? null : viewOf(key, element, secrets)));
            return Collections.unmodifiableList(copy);
        }
        if (secrets == null) {
            return value;
        }
        // Also a secret copied into another key, or found inside it by the connector (a URL's password).
        String text = String.valueOf(value);
        String masked = secrets.mask(text);
        return value instanceof String || masked != text ? masked : value;
    }

    @Override
    public @Nullable String mask(@Nullable String text) {
        return secrets().mask(text);
    }

    @Override
    public @Nullable Throwable redact(@Nullable Throwable error) {
        return secrets().redact(error);
    }

    /** Every secret value of the connection: its own, and those carried over from copies and earlier configurations. */
    Set<String> secretValues() {
        return root.secrets().values();
    }

    /** The connection's own secret values: of its sensitive keys, and what its finder found; none carried over. */
    Set<String> ownSecretValues() {
        root.secrets();
        synchronized (root) {
            return root.ownSecrets;
        }
    }

    /** The root's secrets, found once, when first needed. */
    private SecretValues secrets() {
        if (root != this) {
            return root.secrets();
        }
        SecretValues current = secrets;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (secrets != null) {
                return secrets;
            }
            if (finding) {
                return SecretValues.of(allValues()); // the finder shows the configuration: hide every value meanwhile
            }
            finding = true;
            try {
                List<String> own = new ArrayList<>();
                collectSecrets(own);
                if (secretFinder != null) {
                    own.addAll(found(secretFinder));
                }
                ownSecrets = Set.copyOf(own);
                List<String> all = new ArrayList<>(own);
                all.addAll(carriedSecrets);
                current = SecretValues.of(all);
                secrets = current;
                return current;
            } finally {
                finding = false;
            }
        }
    }

    /**
     * What the connector finds inside the values; all of them, should it fail, so that nothing it
     * missed can show. The failure is not reported here (the API logs nothing): whoever wants it
     * known wraps the finder, as the core does.
     */
    private Collection<String> found(Function<? super ConnectionConfig, ? extends Collection<String>> finder) {
        try {
            Collection<String> found = finder.apply(this);
            return found == null ? List.of() : found.stream().filter(Objects::nonNull).toList();
        } catch (RuntimeException | LinkageError e) {
            return allValues();
        }
    }

    private List<String> allValues() {
        List<String> all = new ArrayList<>();
        entries.values().forEach(entry -> collect(entry.value(), true, all));
        return all;
    }

    /** Every value of a sensitive key (all of it, for a table or an array), and what nested tables carry. */
    private void collectSecrets(Collection<String> into) {
        entries.forEach((key, entry) -> collect(entry.value(), isSensitive(key), into));
    }

    /** A boolean is no secret: a key named like one (use_password = true) would mask "true" everywhere. */
    private static void collect(Object value, boolean secret, Collection<String> into) {
        if (value instanceof MapConnectionConfig table) {
            into.addAll(table.carriedSecrets);
            if (secret) {
                table.entries.values().forEach(entry -> collect(entry.value(), true, into));
            } else {
                table.collectSecrets(into);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collect(element, secret, into));
        } else if (value != null && secret && !(value instanceof Boolean)) {
            into.add(String.valueOf(value));
        }
    }

    /** Equal when the path and the values are equal, wherever the values came from. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ConnectionConfig other && path.equals(other.path()) && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + asMap().hashCode();
    }

    /** The path and the {@linkplain #masked() masked} values: {@code connections.pets{host=db, password=****}}. */
    @Override
    public String toString() {
        return path + masked();
    }
}
