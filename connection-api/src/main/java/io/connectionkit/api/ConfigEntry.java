package io.connectionkit.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A configuration value and where it came from. Tables are held as {@link MapConnectionConfig}
 * and collections as unmodifiable copies, so that a configuration never changes after it is built.
 */
record ConfigEntry(Object value, ConfigSource source) {

    /** {@code value} put at {@code path}: a {@link Map} or {@link ConnectionConfig} becomes a table. */
    static ConfigEntry of(String path, Object value, ConfigSource source) {
        return new ConfigEntry(normalize(path, value, source), source);
    }

    /** {@code later} over {@code this}: two tables merge key by key, anything else is replaced. */
    ConfigEntry overlay(ConfigEntry later) {
        if (value instanceof MapConnectionConfig earlier && later.value instanceof MapConnectionConfig over) {
            ConnectionConfig merged = ConnectionConfig.builder(earlier.path())
                    .putAll(earlier).putAll(over).source(earlier.source()).build();
            return new ConfigEntry(merged, source);
        }
        return later;
    }

    private static Object normalize(String path, Object value, ConfigSource source) {
        if (value instanceof MapConnectionConfig table && table.path().equals(path)) {
            return table;
        }
        if (value instanceof ConnectionConfig other) {
            return ConnectionConfig.builder(path).putAll(other).source(other.source()).build();
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
                copy.add(element == null ? null : normalize(path + "[" + i + "]", element, source));
                i++;
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof java.net.URI || value instanceof java.net.URL) {
            return value.toString(); // as TOML would give it: read as text, and scanned for a password like text
        }
        return value;
    }
}
