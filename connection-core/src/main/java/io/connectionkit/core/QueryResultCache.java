package io.connectionkit.core;

import io.connectionkit.api.QueryCache;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The query-result cache of one registry, shared by its connections but partitioned: each
 * connection gets its own {@link QueryCache} view through {@link #newScope()}, and no view sees
 * another's results. Bounded by total estimated bytes; each entry expires after its own ttl.
 */
final class QueryResultCache {

    /**
     * @param maxBytes   the bound on the estimated bytes of all results held
     * @param defaultTtl the ttl of queries that give none, or {@code null} for "until evicted"
     * @param nanoTime   the clock every ttl is measured with
     */
    QueryResultCache(long maxBytes, Duration defaultTtl, LongSupplier nanoTime) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A fresh view for one connection instance. */
    QueryCache newScope() {
        throw new UnsupportedOperationException("TODO");
    }

    QueryCacheStats stats() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Drops every result of every scope. */
    void invalidateAll() {
        throw new UnsupportedOperationException("TODO");
    }
}
