package io.connectionkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Counters of a query-result cache: of a whole registry ({@link ConnectionRegistry#queryCacheStats()})
 * or of one connection name ({@link ConnectionRegistry#queryCacheStats(String)}), since the registry
 * was built. Only cached queries are counted: a query run with {@code QueryOptions.noCache()} (or a
 * zero ttl) never touches the cache and changes none of these numbers.
 *
 * @param hits          lookups answered with a result already held
 * @param misses        lookups that found no result: the ones that ran the query, and the ones
 *                      that waited for a concurrent run of the same query
 * @param loads         queries the cache ran that succeeded
 * @param loadFailures  queries the cache ran that failed; each is a miss too
 * @param totalLoadTime how long the successful loads took, summed
 * @param evictions     results dropped because the cache was over its byte bound or their ttl had
 *                      passed; clearing a connection's cache or the whole cache is not counted
 * @param bytes         the estimated size ({@code QueryResult.estimatedBytes()}) of the results held
 *                      now: for a registry, never more than the cache's bound; for a name, of its live
 *                      connections, counting a result too big to keep from when it loads until the
 *                      cache drops it
 */
public record QueryCacheStats(long hits, long misses, long loads, long loadFailures, Duration totalLoadTime,
                              long evictions, long bytes) {

    /** Checks that {@code totalLoadTime} is given. */
    public QueryCacheStats {
        Objects.requireNonNull(totalLoadTime, "totalLoadTime");
    }

    /** {@code hits / (hits + misses)}, or 0 before any lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
