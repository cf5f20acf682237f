package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Column;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A reset while a query runs: no result of the dropped client outlives the reset. */
class ResetDuringQueryTest {

    @TempDir
    Path dir;

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
    private ConnectionRegistry registry;

    @AfterEach
    void close() {
        otherThread.shutdownNow();
        registry.close();
    }

    @Test
    void aQueryThatTookTheClientBeforeAResetLeavesNoResultOfItCached() throws Exception {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(dir).workingDirectory(dir);
        registry = builder.environment(Map.of()).systemProperties(Map.of()).build();
        PoolLikeConnection connection = registry.request("pool").type(PoolLikeConnection.class).get(PoolLikeConnection.class);
        int old = connection.instance().number();
        CountDownLatch tookPool = new CountDownLatch(1);
        CountDownLatch releasing = new CountDownLatch(1);
        connection.afterTakingPool = () -> {
            tookPool.countDown();
            await(releasing);
        };
        Future<QueryResult> slow = otherThread.submit(() -> connection.query("select 1"));
        await(tookPool);
        connection.afterTakingPool = () -> { };
        // The old pool is released slowly, as a pool waits for the connections it lent: the
        // query that took it before the reset loads from it meanwhile.
        connection.onRelease = () -> {
            releasing.countDown();
            try {
                slow.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        connection.reset();

        assertThat(slow.get(5, TimeUnit.SECONDS).get(0, "pool")).as("the slow query's own answer").isEqualTo(old);
        assertThat(connection.query("select 1").get(0, "pool")).as("asked after the reset").isEqualTo(old + 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A pool, numbered by connect, that fails once released. */
    record Pool(int number, AtomicBoolean released) {
    }

    /** Like SQLConnection: takes the pool, then looks the query up, loading from that pool on a miss. */
    public static final class PoolLikeConnection extends BaseConnection<Pool> implements Queryable {
        private static final AtomicInteger POOLS = new AtomicInteger();
        volatile Runnable afterTakingPool = () -> { };
        volatile Runnable onRelease = () -> { };

        public PoolLikeConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected Pool connect(ConnectionConfig config) {
            return new Pool(POOLS.incrementAndGet(), new AtomicBoolean());
        }

        @Override
        protected void release(Pool pool) {
            onRelease.run();
            pool.released().set(true);
        }

        @Override
        public QueryResult query(String sql, QueryOptions options) {
            Pool pool = instance();
            afterTakingPool.run();
            return context().queryCache().get(sql, options, () -> {
                if (pool.released().get()) {
                    throw new IllegalStateException("pool " + pool.number() + " is released");
                }
                return QueryResult.of(List.of(Column.of("pool", Integer.class)), List.of(List.of(pool.number())));
            });
        }
    }
}
