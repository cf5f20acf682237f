package io.connectionkit.core;

/**
 * Counters of a registry's query-result cache since it was built.
 *
 * @param hits      results served from the cache
 * @param misses    lookups that had to load (including ones that waited for a concurrent load)
 * @param loads     loads that ran and succeeded
 * @param evictions results dropped for size or ttl
 * @param bytes     estimated size of the results held now
 */
public record QueryCacheStats(long hits, long misses, long loads, long evictions, long bytes) {

    /** {@code hits / (hits + misses)}, or 0 before any lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
