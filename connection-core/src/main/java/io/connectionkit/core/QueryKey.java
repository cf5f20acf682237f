package io.connectionkit.core;

import io.connectionkit.api.QueryOptions;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What identifies one cached query result: the connection's scope, the statement, the values
 * bound to it and the effective ttl. Two keys are equal only when a database would see the same
 * statement with the same values from the same connection.
 *
 * <p>Arrays among the values ({@code byte[]}, {@code Object[]}, ...) are copied into
 * {@link ArrayValue}s, so they compare by content and later changes to the caller's array do not
 * alter the key.
 *
 * @param scope     the connection's view of the cache, compared by identity
 * @param sql       the statement as written
 * @param params    the named parameter values (order does not matter)
 * @param args      the positional parameter values
 * @param ttlNanos  the effective ttl in nanoseconds, {@link Long#MAX_VALUE} for "until evicted"
 */
record QueryKey(Object scope, String sql, Map<String, Object> params, List<Object> args, long ttlNanos) {

    QueryKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sql, "sql");
    }

    /** The key of {@code sql} run with {@code options} in {@code scope}, cached for {@code ttlNanos}. */
    static QueryKey of(Object scope, String sql, QueryOptions options, long ttlNanos) {
        // QueryOptions' own collections are immutable copies: only arrays among them need copying.
        Map<String, Object> params = options.parameters();
        if (anyArray(params.values())) {
            // a HashMap, because parameter values may be null
            Map<String, Object> copy = new HashMap<>();
            params.forEach((name, value) -> copy.put(name, normalize(value)));
            params = Collections.unmodifiableMap(copy);
        }
        List<Object> args = options.arguments();
        if (anyArray(args)) {
            List<Object> copy = new ArrayList<>(args.size());
            args.forEach(value -> copy.add(normalize(value)));
            args = Collections.unmodifiableList(copy);
        }
        return new QueryKey(scope, sql, params, args, ttlNanos);
    }

    private static boolean anyArray(Collection<Object> values) {
        for (Object value : values) {
            if (isArray(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isArray(Object value) {
        return value != null && value.getClass().isArray();
    }

    private static Object normalize(Object value) {
        if (!isArray(value)) {
            return value;
        }
        int length = Array.getLength(value);
        List<Object> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            elements.add(normalize(Array.get(value, i)));
        }
        return new ArrayValue(value.getClass().getComponentType(), Collections.unmodifiableList(elements));
    }

    /**
     * An array's content. The component type takes part in equality, so {@code byte[]{1}} and
     * {@code Byte[]{1}}, which a driver may bind differently, stay different keys.
     */
    record ArrayValue(Class<?> componentType, List<Object> elements) {
    }

    /** Names the statement and the parameters, never their values, which may be private. */
    @Override
    public String toString() {
        return "QueryKey[sql=" + sql + ", params=" + params.keySet() + ", args=" + args.size()
                + ", ttlNanos=" + (ttlNanos == Long.MAX_VALUE ? "none" : ttlNanos) + "]";
    }
}
