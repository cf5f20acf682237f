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
 */
final class ImmutableQueryOptions implements QueryOptions {

    static final QueryOptions DEFAULTS = new ImmutableQueryOptions(null, true, Map.of(), List.of(), null);
    static final QueryOptions NO_CACHE = new ImmutableQueryOptions(null, false, Map.of(), List.of(), null);

    private final @Nullable Duration ttl;
    private final boolean cached;
    private final Map<String, Object> params;
    private final List<Object> args;
    private final @Nullable Duration timeout;
    private int hash; // 0 until computed: options are hashed by every cached query

    private ImmutableQueryOptions(@Nullable Duration ttl, boolean cached, Map<String, Object> params, List<Object> args,
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
            return params.isEmpty() && args.isEmpty() && timeout == null ? NO_CACHE
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
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
            throw new IllegalArgumentException("Parameter name must be an identifier, such as :age; got '" + name + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, frozen(value));
        return new ImmutableQueryOptions(ttl, cached, Collections.unmodifiableMap(copy), args, timeout);
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
        return params;
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
                || params.size() != other.params.size() || args.size() != other.args.size()
                || (hash != 0 && other.hash != 0 && hash != other.hash)) {
            return false;
        }
        for (Map.Entry<String, Object> entry : params.entrySet()) {
            Object value = entry.getValue();
            Object otherValue = other.params.get(entry.getKey());
            if (!Objects.deepEquals(value, otherValue) || (otherValue == null && !other.params.containsKey(entry.getKey()))) {
                return false;
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (!Objects.deepEquals(args.get(i), other.args.get(i))) {
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
            for (Map.Entry<String, Object> entry : params.entrySet()) {
                h += entry.getKey().hashCode() ^ ContentHash.of(entry.getValue()); // as Map.hashCode: order does not matter
            }
            for (Object value : args) {
                h = 31 * h + ContentHash.of(value);
            }
            hash = h; // a race only computes the same value twice
        }
        return h;
    }

    @Override
    public String toString() {
        return "QueryOptions[" + (cached ? "ttl=" + (ttl == null ? "default" : ttl) : "noCache")
                + (params.isEmpty() ? "" : ", params=" + params.keySet())
                + (args.isEmpty() ? "" : ", args=" + args.size())
                + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }
}
