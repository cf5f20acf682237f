package io.connectionkit.core;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.connectionkit.core.QueryResultCacheTest.MEGABYTE;
import static io.connectionkit.core.QueryResultCacheTest.SQL;
import static org.assertj.core.api.Assertions.assertThat;

/** Many threads asking for one query at once: one load, one outcome for all. */
class QueryResultCacheConcurrencyTest {

    private static final int THREADS = 32;

    private final FakeTicker ticker = new FakeTicker();
    private final QueryResultCache cache = new QueryResultCache(MEGABYTE, null, ticker, ticker);
    private final QueryCache scope = cache.newScope("test", () -> ConnectionConfig.empty("connections.test"));
    private final QueryResultCacheTest.CountingLoader loader = new QueryResultCacheTest.CountingLoader();

    @Test
    void concurrentMissesLoadOnce() throws Exception {
        List<Object> outcomes = askConcurrently(() -> {
            holdUntilEveryThreadWaits();
            return loader.load();
        });

        assertThat(loader.calls()).isEqualTo(1);
        assertThat(outcomes).hasSize(THREADS).allSatisfy(r -> assertThat(r).isSameAs(outcomes.get(0)));
        assertThat(outcomes.get(0)).isInstanceOf(QueryResult.class);
        assertThat(cache.stats()).isEqualTo(new QueryCacheStats(0, THREADS, 1, 0, java.time.Duration.ZERO, 0,
                ((QueryResult) outcomes.get(0)).estimatedBytes()));
    }

    @Test
    void concurrentWaitersAllSeeTheFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger calls = new AtomicInteger();

        List<Object> outcomes = askConcurrently(() -> {
            calls.incrementAndGet();
            holdUntilEveryThreadWaits();
            throw boom;
        });

        assertThat(calls).hasValue(1);
        assertThat(outcomes).hasSize(THREADS).allSatisfy(f -> assertThat(f).isSameAs(boom));
        scope.get(SQL, QueryOptions.defaults(), loader);
        assertThat(loader.calls()).isEqualTo(1); // the failure was not cached
    }

    /** Blocks the loader until every thread has missed, so all of them overlap with the load. */
    private void holdUntilEveryThreadWaits() {
        awaitCondition(() -> cache.stats().misses() == THREADS);
    }

    /**
     * Asks for {@link QueryResultCacheTest#SQL} from {@link #THREADS} threads released together;
     * each outcome is the result returned or the exception thrown.
     */
    private List<Object> askConcurrently(QueryCache.Loader load) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<QueryResult>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return scope.get(SQL, QueryOptions.defaults(), load);
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<QueryResult> future : futures) {
                try {
                    outcomes.add(future.get(10, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Spins (no sleep) until {@code condition} holds; fails after a generous real-time bound. */
    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
