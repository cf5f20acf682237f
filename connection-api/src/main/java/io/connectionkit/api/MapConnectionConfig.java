package io.connectionkit.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The one implementation of {@link ConnectionConfig}: an ordered map of values with their sources. */
final class MapConnectionConfig implements ConnectionConfig {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final String path;
    private final ConfigSource source;
    private final Map<String, ConfigEntry> entries;
    private final SensitiveKeys sensitive;
    private volatile SecretMasker masker;

    /** Nested tables are rebuilt, when needed, to mask the parent's extra sensitive keys too. */
    MapConnectionConfig(String path, ConfigSource source, Map<String, ConfigEntry> entries, SensitiveKeys sensitive) {
        this.path = path;
        this.source = source;
        this.sensitive = sensitive;
        Map<String, ConfigEntry> copy = new LinkedHashMap<>();
        entries.forEach((key, entry) -> copy.put(key, inheritSensitiveKeys(entry, sensitive)));
        this.entries = Collections.unmodifiableMap(copy);
    }

    private static ConfigEntry inheritSensitiveKeys(ConfigEntry entry, SensitiveKeys sensitive) {
        Object value = inheritSensitiveKeys(entry.value(), sensitive);
        return value == entry.value() ? entry : new ConfigEntry(value, entry.source());
    }

    /** {@code value} with every table in it, also inside lists (TOML's arrays of tables), masking {@code sensitive} too. */
    private static Object inheritSensitiveKeys(Object value, SensitiveKeys sensitive) {
        if (value instanceof MapConnectionConfig table && !table.sensitive.extra().containsAll(sensitive.extra())) {
            Set<String> keys = new HashSet<>(table.sensitive.extra());
            keys.addAll(sensitive.extra());
            return new MapConnectionConfig(table.path, table.source, table.entries, new SensitiveKeys(keys));
        }
        if (value instanceof List<?> list) {
            List<Object> inherited = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object converted = inheritSensitiveKeys(element, sensitive);
                inherited.add(converted);
                changed |= converted != element;
            }
            return changed ? Collections.unmodifiableList(inherited) : value;
        }
        return value;
    }

    /** The extra sensitive keys, for a builder that copies this configuration. */
    Set<String> extraSensitiveKeys() {
        return sensitive.extra();
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
        return sensitive.isSensitive(key);
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
                throw typeError(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
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
    public Optional<List<Object>> list(String key) {
        return typed(key, "an array", value -> value instanceof List<?> l ? (List<Object>) l : null);
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
            throw typeError(key, expected);
        }
        return Optional.of(converted);
    }

    private ConnectionConfigException typeError(String key, String expected) {
        ConfigEntry entry = entries.get(key);
        return new ConnectionConfigException(path + "." + key + ": expected " + expected + " but found "
                + describe(key, entry.value()) + " (" + entry.source() + ")");
    }

    /** {@code the string "abc"}, {@code an integer (value hidden)}, {@code a table}. */
    private String describe(String key, Object value) {
        if (value instanceof ConnectionConfig) {
            return "a table";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        boolean plain = value instanceof String || value instanceof Number || value instanceof Boolean;
        String kind = value instanceof String ? "string" : isInteger(value) ? "integer"
                : value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : value.getClass().getSimpleName();
        String article = "aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
        if (isSensitive(key)) {
            return article + kind + " (value hidden)";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return (plain ? "the " : article) + kind + " " + mask(text);
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
        return view(masker());
    }

    /** The values, masked with {@code masker} (this table's, or the enclosing one's), or as they are for {@code null}. */
    private Map<String, Object> view(SecretMasker masker) {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach((key, entry) -> map.put(key, viewOf(key, entry.value(), masker)));
        return Collections.unmodifiableMap(map);
    }

    private Object viewOf(String key, Object value, SecretMasker masker) {
        if (masker != null && isSensitive(key)) {
            return SensitiveKeys.MASK;
        }
        if (value instanceof MapConnectionConfig table) {
            return table.view(masker); // the enclosing table's secrets, which a nested table may repeat
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(element == null ? null : viewOf(key, element, masker)));
            return Collections.unmodifiableList(copy);
        }
        return masker != null && value instanceof String s ? masker.mask(s) : value; // also a secret copied into another key
    }

    @Override
    public String mask(String text) {
        return masker().mask(text);
    }

    @Override
    public Throwable redact(Throwable error) {
        return masker().redact(error);
    }

    private SecretMasker masker() {
        SecretMasker current = masker;
        if (current == null) {
            List<String> secrets = new ArrayList<>();
            collectSecrets(secrets);
            current = masker = new SecretMasker(secrets);
        }
        return current;
    }

    /** Every value of a sensitive key (all of it, for a table or an array), and passwords inside URLs. */
    private void collectSecrets(Collection<String> into) {
        entries.forEach((key, entry) -> collect(entry.value(), isSensitive(key), into));
    }

    private void collect(Object value, boolean secret, Collection<String> into) {
        if (value instanceof MapConnectionConfig table) {
            if (secret) {
                table.entries.values().forEach(entry -> collect(entry.value(), true, into));
            } else {
                table.collectSecrets(into);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collect(element, secret, into));
        } else if (value != null && secret) {
            into.add(String.valueOf(value));
        } else if (value instanceof String s) {
            SensitiveKeys.embeddedSecrets(s, into);
        }
    }

    /** Equal when the path and the values are equal, wherever the values came from. */
    @Override
    public boolean equals(Object o) {
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
