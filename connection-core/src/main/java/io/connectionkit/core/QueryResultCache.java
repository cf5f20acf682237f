package io.connectionkit.core;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The query-result cache of one registry, shared by its connections but partitioned: each
 * connection gets its own {@link QueryCache} view through {@link #newScope()}, and no view sees
 * another's results. Bounded by total estimated bytes; each entry expires after its own ttl.
 *
 * <p>Every key is loaded at most once at a time: the first caller to miss runs the loader on its
 * own thread, and callers asking for the same key meanwhile block until that load ends, then
 * share its result or its failure. A load holds no lock, so it never delays other keys.
 * Expiry, eviction and counting run on the threads that use the cache, not on a background
 * thread, so a test that advances the clock sees their effects at once. Thread-safe.
 */
final class QueryResultCache {

    private static final long FOREVER = Long.MAX_VALUE;
    private static final AtomicLong SCOPE_IDS = new AtomicLong();
    /**
     * A hit is read without telling the eviction policy, which halves its cost; one in this many
     * is told, which keeps the policy's view of how often each result is read (it only compares
     * frequencies, and drops reads itself when busy). One in 64 let a hot result be evicted now
     * and then in {@code aResultReadOftenOutlivesResultsReadOnce}; one in 16 did not.
     */
    private static final int RECORDED_HIT_EVERY = 16;

    private final AsyncCache<QueryKey, QueryResult> cache;
    private final ConcurrentMap<QueryKey, CompletableFuture<QueryResult>> map;
    private final Policy<QueryKey, QueryResult> policy;
    private final long defaultTtlNanos; // 0 caches nothing, FOREVER until evicted
    private final long maxBytes;
    private final LongSupplier loadClock;
    /** The counters of each connection name: of its live scopes, and of its retired ones. */
    private final ConcurrentMap<String, NameCounters> byName = new ConcurrentHashMap<>();

    /**
     * @param maxBytes   the bound on the estimated bytes of all results held; a single result
     *                   larger than this is returned to its caller but not kept
     * @param defaultTtl the ttl of queries that give none, or {@code null} for "until evicted";
     *                   zero caches nothing, as {@link QueryOptions#ttl} does
     * @param nanoTime   the clock every ttl is measured with, in nanoseconds
     * @param loadClock  the clock loads are timed with, in nanoseconds: a precise one, where the
     *                   ttl clock may be coarse
     * @throws IllegalArgumentException if {@code maxBytes} or {@code defaultTtl} is negative
     */
    QueryResultCache(long maxBytes, Duration defaultTtl, LongSupplier nanoTime, LongSupplier loadClock) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        if (defaultTtl != null && defaultTtl.isNegative()) {
            throw new IllegalArgumentException("defaultTtl must not be negative: " + defaultTtl);
        }
        this.defaultTtlNanos = defaultTtl == null ? FOREVER : saturatedNanos(defaultTtl);
        this.maxBytes = maxBytes;
        this.loadClock = Objects.requireNonNull(loadClock, "loadClock");
        this.cache = Caffeine.newBuilder()
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run) // maintenance on the caller: deterministic, no pool to close
                .maximumWeight(maxBytes)
                .weigher((QueryKey key, QueryResult result) -> weight(result))
                .expireAfter(new PerKeyTtl(defaultTtlNanos))
                .removalListener((QueryKey key, QueryResult result, RemovalCause cause) -> {
                    // Told only of results whose load completed, which load() counted in: so bytes balance.
                    if (key != null && result != null && key.scope() instanceof Scope scope) {
                        scope.bytes.add(-weight(result));
                        if (cause.wasEvicted()) {
                            scope.evictions.increment();
                        }
                    }
                })
                .buildAsync();
        this.map = cache.asMap();
        this.policy = cache.synchronous().policy();
    }

    /**
     * A fresh view for one connection instance; it shares no result with any other view.
     * {@code config} gives the connection's current configuration, whose secrets are masked in a
     * loader's checked exception when it is wrapped.
     */
    QueryCache newScope(String name, Supplier<ConnectionConfig> config) {
        NameCounters counters = byName.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new NameCounters());
        Scope scope = new Scope(SCOPE_IDS.incrementAndGet(), Objects.requireNonNull(config, "config"), counters);
        counters.add(scope);
        return scope;
    }

    /**
     * Folds the counters of {@code scope}, whose connection has closed, into its name's, and lets
     * it go: a registry whose connections come and go (with a ttl, say) keeps one set of counters
     * per name, not one per connection ever made. What the scope counts afterwards is not kept.
     */
    void retire(QueryCache scope) {
        if (scope instanceof Scope ours) {
            ours.counters.retire(ours);
        }
    }

    /** The counters so far; expired entries are dropped first, so {@code bytes} counts live results only. */
    QueryCacheStats stats() {
        cache.synchronous().cleanUp();
        long bytes = cache.synchronous().policy().eviction()
                .map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
        Totals totals = new Totals();
        byName.values().forEach(counters -> counters.addTo(totals));
        return totals.stats(bytes);
    }

    /**
     * The counters of every connection named {@code name}, the closed ones included; {@code bytes}
     * counts the results of the live ones. All zero for a name never used.
     */
    QueryCacheStats stats(String name) {
        cache.synchronous().cleanUp();
        NameCounters counters = byName.get(Objects.requireNonNull(name, "name"));
        Totals totals = new Totals();
        if (counters == null) {
            return totals.stats(0);
        }
        counters.addTo(totals);
        return totals.stats(totals.bytes);
    }

    /** The bound on the estimated bytes of all results held. */
    long maxBytes() {
        return maxBytes;
    }

    /** Drops every result of every scope; loads under way finish for their callers but are not kept. */
    void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /**
     * The lookup behind every scope. The loader runs on the calling thread, at most once per key
     * at a time; a caller that finds the key loading blocks, interruptibly, until that load ends.
     * A failure is not kept: the caller that ran the loader and every caller waiting for it get
     * it (see {@link #rethrow}), and the next lookup loads again. A loader must not ask for its
     * own key (it would wait for itself); that is detected and fails with
     * {@link IllegalStateException}. Asking for other keys from inside a loader is fine.
     */
    private QueryResult get(Scope scope, String sql, QueryOptions options, QueryCache.Loader loader) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(loader, "loader");
        // A cached query's own ttl is positive (a zero one is noCache), so only the default can be zero.
        // Not asking for the ttl otherwise spares a hit the Optional, which C2 cannot scalar-replace.
        if (!isKept(options)) {
            return loadUncached(scope, sql, loader);
        }
        QueryKey key = new QueryKey(scope, sql, options);
        QueryResult hit = hit(scope, key);
        return hit != null ? hit : getOnMiss(scope, key, sql, loader);
    }

    /** A cached query's own ttl is positive (a zero one is noCache), so only the default can be zero. */
    private boolean isKept(QueryOptions options) {
        // Not asking for the ttl otherwise spares a hit the Optional, which C2 cannot scalar-replace.
        return options.isCached() && (defaultTtlNanos != 0 || options.timeToLive().isPresent());
    }

    /** A finished, live load of {@code key}, counted as a hit, or null. */
    private @Nullable QueryResult hit(Scope scope, QueryKey key) {
        QueryResult hit = policy.getIfPresentQuietly(key);
        if (hit != null) {
            scope.hits.increment();
            if (ThreadLocalRandom.current().nextInt(RECORDED_HIT_EVERY) == 0) {
                map.get(key); // tells the eviction policy of the read
            }
        }
        return hit;
    }

    /**
     * A key not loaded yet, or loading: waits for the load under way or runs one. Kept out of
     * {@link #get(Scope, String, QueryOptions, QueryCache.Loader)}, which C2 inlines into the
     * connector's {@code query} only while it is at most 325 bytecode bytes ({@code FreqInlineSize});
     * inlined, the loader lambda a hit never uses is not allocated.
     */
    private QueryResult getOnMiss(Scope scope, QueryKey key, String sql, QueryCache.Loader loader) {
        while (true) {
            CompletableFuture<QueryResult> found = map.get(key);
            if (found == null) {
                Load mine = new Load();
                found = map.putIfAbsent(key, mine);
                if (found == null) {
                    scope.misses.increment();
                    return load(scope, key, mine, sql, loader);
                }
            }
            Load load = (Load) found; // only this class puts values into the map
            if (load.isDone()) {
                if (!load.isCompletedExceptionally()) {
                    scope.hits.increment();
                    return load.join();
                }
                map.remove(key, load); // a failed load not yet removed: start afresh
                continue;
            }
            if (load.owner == Thread.currentThread()) {
                throw new IllegalStateException("The loader of a query asked the cache for its own result, which"
                        + " would wait for itself forever: " + key);
            }
            scope.misses.increment();
            return await(scope, load, sql);
        }
    }

    /** Runs the loader on this thread and completes {@code mine}, whatever the loader does. */
    private QueryResult load(Scope scope, QueryKey key, Load mine, String sql, QueryCache.Loader loader) {
        QueryResult result;
        long start = loadClock.getAsLong();
        try {
            result = Objects.requireNonNull(loader.load(), "The query loader returned null");
        } catch (Throwable failure) {
            mine.fail(failure); // first, so no waiter is left behind even if what follows throws
            map.remove(key, mine);
            scope.loadFailures.increment();
            restoreInterrupt(failure);
            throw rethrow(scope, sql, failure);
        }
        scope.loadNanos.add(Math.max(0, loadClock.getAsLong() - start));
        scope.loads.increment();
        scope.bytes.add(weight(result)); // before Caffeine holds it: its removal, even at once, subtracts it
        mine.complete(result); // Caffeine then weighs the entry and starts its ttl
        return result;
    }

    private static QueryResult await(Scope scope, Load load, String sql) {
        try {
            return load.get();
        } catch (CancellationException | ExecutionException e) {
            throw rethrow(scope, sql, load.failure != null ? load.failure : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("Interrupted while waiting for another thread running the same query",
                    sql, null, 0, false, e);
        }
    }

    private static QueryResult loadUncached(Scope scope, String sql, QueryCache.Loader loader) {
        try {
            return Objects.requireNonNull(loader.load(), "The query loader returned null");
        } catch (Throwable failure) {
            restoreInterrupt(failure);
            throw rethrow(scope, sql, failure);
        }
    }

    /**
     * Ours ({@link ConnectionException}, masked already) as it is, the same instance for every
     * waiting caller; an error thrown as it is; another runtime exception as it is unless its text
     * shows a secret of the scope's connection, then as a masked copy; a checked exception wrapped
     * by {@link QueryException#of}, which masks it.
     */
    private static RuntimeException rethrow(Scope scope, String sql, Throwable failure) {
        if (failure instanceof ConnectionException ours) {
            return ours;
        }
        if (failure instanceof RuntimeException runtime) {
            return (RuntimeException) Objects.requireNonNull(scope.config.get().redact(runtime)); // a copy of one is one
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return QueryException.of(sql, failure, scope.config.get());
    }

    /** On the loader's thread only: a loader that gave up because it was interrupted keeps the flag set. */
    private static void restoreInterrupt(Throwable failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private static int weight(QueryResult result) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, result.estimatedBytes()));
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return FOREVER;
        }
    }

    /**
     * A load in flight or done. On failure it is cancelled rather than completed exceptionally,
     * which Caffeine drops without logging a warning; the failure itself is kept for the waiters.
     */
    private static final class Load extends CompletableFuture<QueryResult> {
        final Thread owner = Thread.currentThread();
        volatile Throwable failure;

        void fail(Throwable cause) {
            failure = cause;
            cancel(false);
        }
    }

    /** Each entry lives for its key's ttl, counted from the end of its load; reads do not extend it. */
    private static final class PerKeyTtl implements Expiry<QueryKey, QueryResult> {
        private final long defaultTtlNanos;

        PerKeyTtl(long defaultTtlNanos) {
            this.defaultTtlNanos = defaultTtlNanos;
        }

        /** The options' ttl, else the default, in nanoseconds; {@code FOREVER} for "until evicted". */
        private long ttlNanos(QueryKey key) {
            Optional<Duration> ttl = key.options().timeToLive();
            return ttl.isPresent() ? saturatedNanos(ttl.get()) : defaultTtlNanos;
        }

        @Override
        public long expireAfterCreate(QueryKey key, QueryResult result, long currentTime) {
            return ttlNanos(key);
        }

        @Override
        public long expireAfterUpdate(QueryKey key, QueryResult result, long currentTime, long currentDuration) {
            return ttlNanos(key);
        }

        @Override
        public long expireAfterRead(QueryKey key, QueryResult result, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** Sums of counters, as {@link QueryCacheStats} reports them. */
    private static final class Totals {
        long hits;
        long misses;
        long loads;
        long loadFailures;
        long loadNanos;
        long evictions;
        long bytes;

        void add(Scope scope) {
            hits += scope.hits.sum();
            misses += scope.misses.sum();
            loads += scope.loads.sum();
            loadFailures += scope.loadFailures.sum();
            loadNanos += scope.loadNanos.sum();
            evictions += scope.evictions.sum();
            bytes += scope.bytes.sum();
        }

        void add(Totals other) {
            hits += other.hits;
            misses += other.misses;
            loads += other.loads;
            loadFailures += other.loadFailures;
            loadNanos += other.loadNanos;
            evictions += other.evictions;
        }

        QueryCacheStats stats(long bytesHeld) {
            return new QueryCacheStats(hits, misses, loads, loadFailures, Duration.ofNanos(loadNanos), evictions,
                    bytesHeld);
        }
    }

    /**
     * The counters of one connection name: its live scopes, each counting on its own (a hit touches
     * only its scope's counter), and what its closed ones had counted. Read under its lock, so a
     * scope retiring is counted once, never twice or not at all.
     */
    private static final class NameCounters {
        private final Map<Scope, Boolean> live = Collections.synchronizedMap(new IdentityHashMap<>());
        private final Totals retired = new Totals();

        void add(Scope scope) {
            live.put(scope, Boolean.TRUE);
        }

        synchronized void retire(Scope scope) {
            if (live.remove(scope) != null) {
                retired.add(scope);
            }
        }

        synchronized void addTo(Totals totals) {
            totals.add(retired);
            synchronized (live) {
                live.keySet().forEach(totals::add);
            }
        }
    }

    /** One connection's view; its identity is part of every key it makes. */
    private final class Scope implements QueryCache {
        private final long id;
        private final Supplier<ConnectionConfig> config;
        private final NameCounters counters;
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder loads = new LongAdder();
        final LongAdder loadFailures = new LongAdder();
        final LongAdder loadNanos = new LongAdder();
        final LongAdder evictions = new LongAdder();
        final LongAdder bytes = new LongAdder();

        Scope(long id, Supplier<ConnectionConfig> config, NameCounters counters) {
            this.id = id;
            this.config = config;
            this.counters = counters;
        }

        @Override
        public QueryResult get(String sql, QueryOptions options, Loader loader) {
            return QueryResultCache.this.get(this, sql, options, loader);
        }

        @Override
        public @Nullable QueryResult getIfPresent(String sql, QueryOptions options) {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(options, "options");
            return isKept(options) ? hit(this, new QueryKey(this, sql, options)) : null;
        }

        /** Drops this scope's results; a load under way finishes for its callers but is not kept. */
        @Override
        public void clear() {
            map.keySet().removeIf(key -> key.scope() == this);
        }

        @Override
        public String toString() {
            return "QueryCache[scope " + id + "]";
        }
    }
}
