package io.connectionkit.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one query: its parameters and how long its result may be cached. Immutable;
 * every method returns a new instance.
 *
 * <pre>{@code
 * db.query("select * from pets where age > :age", QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 3));
 * }</pre>
 */
public final class QueryOptions {

    private static final QueryOptions DEFAULTS = new QueryOptions(null, true, Map.of(), List.of());
    private static final QueryOptions NO_CACHE = new QueryOptions(null, false, Map.of(), List.of());

    private final Duration ttl;
    private final boolean cached;
    private final Map<String, Object> params;
    private final List<Object> args;

    private QueryOptions(Duration ttl, boolean cached, Map<String, Object> params, List<Object> args) {
        this.ttl = ttl;
        this.cached = cached;
        this.params = params;
        this.args = args;
    }

    /** Cached with the registry's default ttl, which is "until evicted" unless the registry sets one. */
    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Cached for {@code ttl}; a zero ttl caches nothing, like {@link #noCache()}.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative
     */
    public static QueryOptions ttl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        return ttl.isZero() ? noCache() : new QueryOptions(ttl, true, Map.of(), List.of());
    }

    /** Never cached: the query runs every time. */
    public static QueryOptions noCache() {
        return NO_CACHE;
    }

    /**
     * Adds the named parameter {@code :name}, replacing an earlier value of that name. A
     * {@code null} value binds SQL NULL.
     *
     * @param name the name without its colon: an identifier such as {@code age}
     * @throws IllegalArgumentException if {@code name} is not an identifier
     */
    public QueryOptions param(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
            throw new IllegalArgumentException("Parameter name must be an identifier, such as :age; got '" + name + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new QueryOptions(ttl, cached, Collections.unmodifiableMap(copy), args);
    }

    /** Adds every entry of {@code values} as a named parameter. */
    public QueryOptions params(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        QueryOptions result = this;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            result = result.param(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /**
     * Sets the positional parameters, bound in order to the statement's {@code ?} placeholders;
     * replaces earlier ones. A {@code null} element binds SQL NULL.
     */
    public QueryOptions args(Object... values) {
        Objects.requireNonNull(values, "values");
        return new QueryOptions(ttl, cached, params, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
    }

    /** The ttl, or empty for the registry's default. */
    public Optional<Duration> timeToLive() {
        return Optional.ofNullable(ttl);
    }

    /** Whether the result may be cached at all. */
    public boolean isCached() {
        return cached;
    }

    /** The named parameters, in the order given; immutable. */
    public Map<String, Object> parameters() {
        return params;
    }

    /** The positional parameters; immutable. */
    public List<Object> arguments() {
        return args;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryOptions other && cached == other.cached && Objects.equals(ttl, other.ttl)
                && params.equals(other.params) && args.equals(other.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ttl, cached, params, args);
    }

    /** Names the parameters but never shows their values, which may be private. */
    @Override
    public String toString() {
        return "QueryOptions[" + (cached ? "ttl=" + (ttl == null ? "default" : ttl) : "noCache")
                + (params.isEmpty() ? "" : ", params=" + params.keySet())
                + (args.isEmpty() ? "" : ", args=" + args.size()) + "]";
    }
}
