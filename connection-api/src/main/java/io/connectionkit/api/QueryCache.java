package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

/**
 * The query-result cache of one connection, handed to connectors by the core through
 * {@link ConnectionContext#queryCache()}. Results are keyed by the statement, its parameter
 * values and the ttl, and are never shared with another connection.
 */
public interface QueryCache {

    /**
     * Returns the cached result of {@code sql} with {@code options}, or loads it. Concurrent
     * callers asking for the same key while it loads wait for that one load, so the loader runs
     * at most once per key at a time. A load that fails is not cached. With
     * {@link QueryOptions#noCache()} the loader always runs and nothing is stored.
     *
     * @throws QueryException the loader's failure: a {@link ConnectionException} is rethrown as it
     *                        is, another runtime exception too unless its text shows a secret of the
     *                        connection (then a masked copy), a checked one is wrapped with
     *                        {@link QueryException#of}
     */
    QueryResult get(String sql, QueryOptions options, Loader loader);

    /**
     * The result cached now for {@code sql} with {@code options}, counted as a hit, or
     * {@code null}: nothing is loaded, and a miss is not counted (the {@link #get} that follows
     * counts it). For a connector that must look at a statement before the cache may run it, and
     * would rather not on a hit: a write is never cached, so a hit is no write. The default finds
     * nothing.
     */
    default @Nullable QueryResult getIfPresent(String sql, QueryOptions options) {
        return null;
    }

    /** Drops every result cached for this connection. */
    void clear();

    /** Runs the query for a cache miss. */
    @FunctionalInterface
    interface Loader {
        QueryResult load() throws Exception;
    }
}
