package io.connectionkit.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one implementation of {@link ConnectionConfig}: an ordered map of values with sources. */
final class MapConnectionConfig implements ConnectionConfig {

    /** A value and where it came from; tables are held as {@link MapConnectionConfig}. */
    record Entry(Object value, ConfigSource source) {

        static Entry of(String path, Object value, ConfigSource source) {
            return new Entry(normalize(path, value, source), source);
        }

        /** {@code later} over {@code this}: tables merge key by key, anything else is replaced. */
        Entry overlay(Entry later) {
            if (value instanceof MapConnectionConfig earlier && later.value instanceof MapConnectionConfig over) {
                ConnectionConfig.Builder merged = ConnectionConfig.builder(earlier.path)
                        .putAll(earlier).putAll(over).source(earlier.source);
                merged.sensitiveKeys(earlier.sensitive.extra());
                merged.sensitiveKeys(over.sensitive.extra());
                return new Entry(merged.build(), source);
            }
            return later;
        }

        private static Object normalize(String path, Object value, ConfigSource source) {
            if (value instanceof MapConnectionConfig table) {
                return table;
            }
            if (value instanceof ConnectionConfig other) {
                return ConnectionConfig.builder(path).putAll(other).build();
            }
            if (value instanceof Map<?, ?> map) {
                ConnectionConfig.Builder table = ConnectionConfig.builder(path).source(source);
                map.forEach((k, v) -> table.put(String.valueOf(k), v, source));
                return table.build();
            }
            if (value instanceof Collection<?> list) {
                List<Object> copy = new ArrayList<>(list.size());
                int i = 0;
                for (Object element : list) {
                    copy.add(element == null ? null : normalize(path + "[" + i++ + "]", element, source));
                }
                return Collections.unmodifiableList(copy);
            }
            return value;
        }
    }

    private final String path;
    private final ConfigSource source;
    private final Map<String, Entry> entries;
    private final SensitiveKeys sensitive;
    private volatile Set<String> secretValues;

    MapConnectionConfig(String path, ConfigSource source, Map<String, Entry> entries, SensitiveKeys sensitive) {
        this.path = path;
        this.source = source;
        this.sensitive = sensitive;
        Map<String, Entry> copy = new LinkedHashMap<>();
        entries.forEach((key, entry) -> copy.put(key, withSensitiveKeys(entry, sensitive)));
        this.entries = Collections.unmodifiableMap(copy);
    }

    /** Nested tables mask the same extra keys as their parent. */
    private static Entry withSensitiveKeys(Entry entry, SensitiveKeys sensitive) {
        if (entry.value instanceof MapConnectionConfig table && !table.sensitive.extra().containsAll(sensitive.extra())) {
            Set<String> keys = new LinkedHashSet<>(table.sensitive.extra());
            keys.addAll(sensitive.extra());
            return new Entry(new MapConnectionConfig(table.path, table.source, table.entries, SensitiveKeys.of(keys)),
                    entry.source);
        }
        return entry;
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
        return Optional.ofNullable(entries.get(key)).map(Entry::source);
    }

    @Override
    public boolean isSensitive(String key) {
        return sensitive.isSensitive(key);
    }

    @Override
    public Optional<Object> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    @Override
    public Optional<String> string(String key) {
        return typed(key, "a string", value -> {
            if (value instanceof String s) {
                return s;
            }
            if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
                return value.toString();
            }
            return null;
        });
    }

    @Override
    public String requireString(String key) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            throw new ConnectionConfigException(path + "." + key + " is required but missing"
                    + (source == ConfigSource.NONE ? "" : " (section defined at " + source + ")"));
        }
        if (value.get().isBlank()) {
            throw new ConnectionConfigException(path + "." + key + " is required but blank ("
                    + sourceOf(key).orElse(ConfigSource.NONE) + ")");
        }
        return value.get();
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
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
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
            if (value instanceof String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return typed(key, "a boolean", value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            return null;
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

    private <T> Optional<T> typed(String key, String expected, java.util.function.Function<Object, T> convert) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        T converted = convert.apply(entry.value);
        if (converted == null) {
            throw typeError(key, expected);
        }
        return Optional.of(converted);
    }

    private ConnectionConfigException typeError(String key, String expected) {
        Entry entry = entries.get(key);
        return new ConnectionConfigException(path + "." + key + ": expected " + expected + " but found "
                + describe(key, entry.value) + " (" + entry.source + ")");
    }

    private String describe(String key, Object value) {
        String kind;
        if (value instanceof String) {
            kind = "the string";
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            kind = "the integer";
        } else if (value instanceof Number) {
            kind = "the number";
        } else if (value instanceof Boolean) {
            kind = "the boolean";
        } else if (value instanceof ConnectionConfig) {
            return "a table";
        } else if (value instanceof List<?>) {
            return "an array";
        } else {
            kind = "a " + value.getClass().getSimpleName();
        }
        if (isSensitive(key)) {
            return kind.replace("the ", "a ") + " (value hidden)";
        }
        String text = value instanceof String s ? "\"" + SensitiveKeys.maskEmbedded(s) + "\"" : String.valueOf(value);
        return kind + " " + text;
    }

    @Override
    public Map<String, Object> asMap() {
        return view(false);
    }

    @Override
    public Map<String, Object> masked() {
        return view(true);
    }

    private Map<String, Object> view(boolean masked) {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach((key, entry) -> map.put(key, viewOf(key, entry.value, masked)));
        return Collections.unmodifiableMap(map);
    }

    private Object viewOf(String key, Object value, boolean masked) {
        if (value instanceof MapConnectionConfig table) {
            return table.view(masked);
        }
        if (masked && isSensitive(key)) {
            return SensitiveKeys.MASK;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(element == null ? null : viewOf(key, element, masked)));
            return Collections.unmodifiableList(copy);
        }
        if (masked && value instanceof String s) {
            return SensitiveKeys.maskEmbedded(s);
        }
        return value;
    }

    @Override
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secretValues()) {
            masked = masked.replace(secret, SensitiveKeys.MASK);
        }
        return SensitiveKeys.maskEmbedded(masked);
    }

    @Override
    public Throwable redact(Throwable error) {
        if (error == null || !containsSecret(error, Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
            return error;
        }
        return copyMasked(error, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private boolean containsSecret(Throwable error, Set<Throwable> seen) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(mask(message))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (containsSecret(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Throwable copyMasked(Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return null;
        }
        Throwable cause = copyMasked(error.getCause(), seen);
        String originalClass = error instanceof RedactedException r ? r.originalClass() : error.getClass().getName();
        RedactedException copy = new RedactedException(originalClass, mask(error.getMessage()), cause);
        copy.setStackTrace(error.getStackTrace());
        for (Throwable suppressed : error.getSuppressed()) {
            Throwable masked = copyMasked(suppressed, seen);
            if (masked != null) {
                copy.addSuppressed(masked);
            }
        }
        return copy;
    }

    /** Every secret string: values of sensitive keys, and passwords inside any string value. */
    private Set<String> secretValues() {
        Set<String> values = secretValues;
        if (values == null) {
            Set<String> found = new LinkedHashSet<>();
            collectSecrets(found);
            // Longest first, so that a secret containing another is masked whole.
            List<String> ordered = new ArrayList<>(found);
            ordered.removeIf(String::isEmpty);
            ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
            values = secretValues = new LinkedHashSet<>(ordered);
        }
        return values;
    }

    private void collectSecrets(Set<String> into) {
        entries.forEach((key, entry) -> collect(key, entry.value, into));
    }

    private void collect(String key, Object value, Set<String> into) {
        if (value instanceof MapConnectionConfig table) {
            table.collectSecrets(into);
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collect(key, element, into));
        } else if (value != null && isSensitive(key)) {
            into.add(String.valueOf(value));
        } else if (value instanceof String s) {
            SensitiveKeys.embeddedSecrets(s, into);
        }
    }

    /** Equal when the values are equal, wherever they came from. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionConfig other && path.equals(other.path()) && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + asMap().hashCode();
    }

    @Override
    public String toString() {
        return path + masked();
    }
}
