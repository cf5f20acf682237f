package io.connectionkit.core;

import io.connectionkit.api.ConnectionConfigException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options given in code become part of a connection's cache key, so they must compare by
 * value: strings, numbers, booleans, enums, records, and lists or maps of those.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** An immutable copy of {@code options} that is safe as a cache key. */
    static Map<String, Object> stableCopy(String connectionName, Map<String, Object> options) {
        if (options.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        options.forEach((key, value) -> copy.put(key, stable(connectionName, key, value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object stable(String connectionName, String key, Object value) {
        if (value == null) {
            throw new ConnectionConfigException("Option '" + key + "' of connection '" + connectionName
                    + "' is null; leave it out to use the secrets' value");
        }
        // As TOML gives them, so that 5432 and 5432L are one option, as they would be in Python
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float number) {
            return Double.valueOf(number.toString());
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof Record) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), stable(connectionName, key + "." + k, v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(element -> copy.add(stable(connectionName, key, element)));
            return Collections.unmodifiableList(copy);
        }
        throw new ConnectionConfigException("Option '" + key + "' of connection '" + connectionName
                + "' has a value of type " + value.getClass().getName()
                + ", which cannot be part of the connection's cache key; use a string, number, boolean, enum, "
                + "record, or a list or map of those");
    }
}
