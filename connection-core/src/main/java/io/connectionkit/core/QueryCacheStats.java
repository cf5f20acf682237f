package io.connectionkit.core;

/**
 * Counters of a registry's query-result cache since it was built, shared by all its connections.
 * Only cached queries are counted: a query run with {@code QueryOptions.noCache()} (or a zero
 * ttl) never touches the cache and changes none of these numbers.
 *
 * @param hits      lookups answered with a result already held
 * @param misses    lookups that found no result: the ones that ran the query, and the ones that
 *                  waited for a concurrent run of the same query
 * @param loads     queries the cache ran that succeeded; a failed query counts as a miss only
 * @param evictions results dropped because the cache was over its byte bound or their ttl had
 *                  passed; clearing a connection's cache or the whole cache is not counted
 * @param bytes     the estimated size ({@code QueryResult.estimatedBytes()}) of the results held
 *                  now, never more than the cache's bound
 */
public record QueryCacheStats(long hits, long misses, long loads, long evictions, long bytes) {

    /** {@code hits / (hits + misses)}, or 0 before any lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
