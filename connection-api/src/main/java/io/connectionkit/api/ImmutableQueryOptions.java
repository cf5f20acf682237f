package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one {@link QueryOptions}: a ttl, whether to cache, frozen parameters and a timeout, with its
 * hash kept. The timeout is no part of the cache key: it bounds a run, not what the run answers.
 *
 * <p>Options are mostly built in the call that queries, and a cache hit only hashes and compares
 * them: so the named parameters are one array of names and values, which {@link #param} copies
 * and nothing changes afterwards, and their {@code Map} is made only when asked for (to bind
 * them, on a miss).
 */
final class ImmutableQueryOptions implements QueryOptions {

    private static final Object[] NO_PARAMS = {};
    /** More named parameters than this are handed out as a hash map, fewer as a view of the array. */
    private static final int MANY_PARAMS = 16;

    static final QueryOptions DEFAULTS = new ImmutableQueryOptions(null, true, NO_PARAMS, List.of(), null);
    static final QueryOptions NO_CACHE = new ImmutableQueryOptions(null, false, NO_PARAMS, List.of(), null);

    private final @Nullable Duration ttl;
    private final boolean cached;
    private final @Nullable Object[] params; // the named parameters in the order given: name, value, name, value...
    private final List<Object> args;
    private final @Nullable Duration timeout;
    private int hash; // 0 until computed: options are hashed by every cached query

    private ImmutableQueryOptions(@Nullable Duration ttl, boolean cached, @Nullable Object[] params, List<Object> args,
                                  @Nullable Duration timeout) {
        this.ttl = ttl;
        this.cached = cached;
        this.params = params;
        this.args = args;
        this.timeout = timeout;
    }

    @Override
    public QueryOptions withTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        if (ttl.isZero()) {
            return params.length == 0 && args.isEmpty() && timeout == null ? NO_CACHE
                    : new ImmutableQueryOptions(null, false, params, args, timeout);
        }
        return new ImmutableQueryOptions(ttl, true, params, args, timeout);
    }

    @Override
    public QueryOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return new ImmutableQueryOptions(ttl, cached, params, args, timeout);
    }

    @Override
    public QueryOptions param(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name");
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("Parameter name must be an identifier, such as :age; got '" + name + "'");
        }
        int index = indexOf(name);
        Object[] copy;
        if (index >= 0) { // replaced in its place, as a map would
            copy = params.clone();
        } else {
            index = params.length;
            copy = new Object[index + 2];
            System.arraycopy(params, 0, copy, 0, index);
            copy[index] = name;
        }
        copy[index + 1] = frozen(value);
        return new ImmutableQueryOptions(ttl, cached, copy, args, timeout);
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
                    && !Character.isJavaIdentifierPart(c)) { // the table lookup only past ASCII names
                return false;
            }
        }
        return true;
    }

    /** The index of the named parameter {@code name} in {@link #params}, that of its value less one; or -1. */
    private int indexOf(Object name) {
        for (int i = 0; i < params.length; i += 2) {
            if (params[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public QueryOptions params(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        QueryOptions result = this;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            result = result.param(entry.getKey(), entry.getValue());
        }
        return result;
    }

    @Override
    public QueryOptions args(@Nullable Object... values) {
        Objects.requireNonNull(values, "values");
        List<Object> copy = new ArrayList<>(values.length);
        for (Object value : values) {
            copy.add(frozen(value));
        }
        return new ImmutableQueryOptions(ttl, cached, params, Collections.unmodifiableList(copy), timeout);
    }

    /**
     * A copy of an array or a collection (and of the arrays and collections in it), so that a later
     * change by the caller is not seen; a collection becomes an unmodifiable list in its order.
     */
    private static @Nullable Object frozen(@Nullable Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof String) {
            return value; // the commonest values: final classes, one compare each, where instanceof Collection searches interfaces
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object element : collection) {
                copy.add(frozen(element));
            }
            return Collections.unmodifiableList(copy); // may hold nulls, which List.copyOf refuses
        }
        if (value == null || !value.getClass().isArray()) {
            return value;
        }
        if (value instanceof Object[] elements) {
            Object[] copy = elements.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] = frozen(copy[i]);
            }
            return copy;
        }
        int length = Array.getLength(value); // an array of primitives
        Object copy = Array.newInstance(value.getClass().getComponentType(), length);
        System.arraycopy(value, 0, copy, 0, length);
        return copy;
    }

    @Override
    public Optional<Duration> timeToLive() {
        return Optional.ofNullable(ttl);
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public boolean isCached() {
        return cached;
    }

    @Override
    public Map<String, @Nullable Object> parameters() {
        if (params.length == 0) {
            return Map.of();
        }
        if (params.length <= 2 * MANY_PARAMS) {
            return Collections.unmodifiableMap(new ParameterMap(params)); // refuses every change, as before
        }
        Map<String, Object> map = new LinkedHashMap<>(); // a lookup in it does not go through every name
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public List<@Nullable Object> arguments() {
        return args;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImmutableQueryOptions other) || cached != other.cached || !Objects.equals(ttl, other.ttl)
                || params.length != other.params.length || args.size() != other.args.size()
                || (hash != 0 && other.hash != 0 && hash != other.hash)) {
            return false;
        }
        for (int i = 0; i < params.length; i += 2) { // names are distinct and as many: each found is a match
            int j = ((String) params[i]).equals(other.params[i]) ? i : other.indexOf(params[i]); // the same order is the common case
            if (j < 0 || !ContentHash.equal(params[i + 1], other.params[j + 1])) {
                return false;
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (!ContentHash.equal(args.get(i), other.args.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hashCode(ttl) * 31 + Boolean.hashCode(cached);
            for (int i = 0; i < params.length; i += 2) {
                h += ((String) params[i]).hashCode() ^ ContentHash.of(params[i + 1]); // as Map.hashCode: order does not matter
            }
            for (int i = 0; i < args.size(); i++) { // no iterator: options are hashed in the call that made them
                h = 31 * h + ContentHash.of(args.get(i));
            }
            hash = h; // a race only computes the same value twice
        }
        return h;
    }

    @Override
    public String toString() {
        return "QueryOptions[" + (cached ? "ttl=" + (ttl == null ? "default" : ttl) : "noCache")
                + (params.length == 0 ? "" : ", params=" + parameters().keySet())
                + (args.isEmpty() ? "" : ", args=" + args.size())
                + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }
}
