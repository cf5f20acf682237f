package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run one query: its parameters, how long its result may be cached and how long it may
 * run. Immutable; each instance method returns new options that keep all this one holds except
 * what it changes. Arrays and collections among the values are copied when given, and compare by
 * content, so that equal options name the same cached result.
 *
 * <p>Start from {@link #defaults()}, {@link #ttl(Duration)} or {@link #noCache()}; change the ttl
 * of options you hold with {@link #withTtl(Duration)}. This is an interface because Java lets no
 * instance call an interface's static methods: {@code options.ttl(d)}, which used to compile and
 * return options without the parameters of {@code options}, is now a compile error.
 *
 * <pre>{@code
 * db.query("select * from pets where age > :age", QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 3));
 * db.query("select * from pets where owner = ?", QueryOptions.defaults().args("Ann").withTtl(Duration.ofMinutes(1)));
 * }</pre>
 */
public sealed interface QueryOptions permits ImmutableQueryOptions {

    /** Cached with the registry's default ttl, which is "until evicted" unless the registry sets one; no parameters. */
    static QueryOptions defaults() {
        return ImmutableQueryOptions.DEFAULTS;
    }

    /**
     * Cached for {@code ttl}, no parameters; a zero ttl caches nothing, like {@link #noCache()}.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative
     */
    static QueryOptions ttl(Duration ttl) {
        return defaults().withTtl(ttl);
    }

    /** Never cached: the query runs every time. No parameters. */
    static QueryOptions noCache() {
        return ImmutableQueryOptions.NO_CACHE;
    }

    /**
     * These options cached for {@code ttl} instead of as before (a default ttl, another ttl, or
     * not at all), with the same parameters; a zero ttl caches nothing.
     *
     * @throws IllegalArgumentException if {@code ttl} is negative
     */
    QueryOptions withTtl(Duration ttl);

    /**
     * Adds the named parameter {@code :name}, replacing an earlier value of that name. A
     * {@code null} value binds SQL NULL. An array or a collection is copied (a collection into an
     * unmodifiable list), so that a change the caller makes later is not seen, by the query nor
     * by the cache key it is part of.
     *
     * @param name the name without its colon: an identifier such as {@code age}
     * @throws IllegalArgumentException if {@code name} is not an identifier
     */
    QueryOptions param(String name, @Nullable Object value);

    /** Adds every entry of {@code values} as a named parameter, as {@link #param} does. */
    QueryOptions params(Map<String, ?> values);

    /**
     * Sets the positional parameters, bound in order to the statement's {@code ?} placeholders;
     * replaces earlier ones. A {@code null} element binds SQL NULL. Arrays and collections are
     * copied, as by {@link #param}.
     */
    QueryOptions args(@Nullable Object... values);

    /**
     * These options with each run of the statement bounded by {@code timeout}: past it, the
     * statement is cancelled at the database and the query fails with a {@link QueryException}
     * that says it timed out, never retried. Replaces the connection's {@code query_timeout}; a
     * zero timeout means none, also where the connection has one. Not part of the cache key: a
     * result cached by a run with another timeout is served.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    QueryOptions timeout(Duration timeout);

    /** The timeout of each run (zero: none), or empty for the connection's own ({@code query_timeout}, or none). */
    Optional<Duration> timeout();

    /** The ttl, or empty for the registry's default (and when not cached). */
    Optional<Duration> timeToLive();

    /** Whether the result may be cached at all. */
    boolean isCached();

    /** The named parameters, in the order given; immutable. Arrays among them are this instance's copies: do not change them. */
    Map<String, @Nullable Object> parameters();

    /** The positional parameters; immutable. Arrays among them are this instance's copies: do not change them. */
    List<@Nullable Object> arguments();

    /**
     * Equal ttl, caching and parameters, arrays compared by content; the order of named
     * parameters does not count, nor does the timeout. Options are part of the query-cache key.
     */
    @Override
    boolean equals(@Nullable Object o);

    /** Consistent with {@link #equals}; computed once, as every cached query hashes its options. */
    @Override
    int hashCode();

    /** Names the ttl, the parameters and the timeout but never shows the parameters' values, which may be private. */
    @Override
    String toString();
}
