package io.connectionkit.api;

import static io.connectionkit.api.TestConnections.secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.TestConnections.FakeClient;
import io.connectionkit.api.TestConnections.PoolConnection;
import io.connectionkit.api.TestConnections.Pool;
import io.connectionkit.api.TestConnections.SQLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The life of a connection: eager connect, reset, close, and sharing between threads. */
class BaseConnectionTest {


    private final TestContext context = new TestContext("pets", "sql", secrets("db.example.com"));

    @Test
    void connectsEagerlyWhenConstructed() {
        SQLConnection connection = new SQLConnection(context);

        assertThat(context.connects).hasValue(1);
        assertThat(connection.instance().host).isEqualTo("db.example.com");
        assertThat(connection.name()).isEqualTo("pets");
        assertThat(connection.type()).isEqualTo("sql");
        assertThat(connection.config()).isSameAs(context.config());
    }

    @Test
    void instanceIsTheSameClientUntilReset() {
        SQLConnection connection = new SQLConnection(context);

        assertThat(connection.instance()).isSameAs(connection.instance());
        assertThat(context.connects).hasValue(1);
    }

    @Test
    void reconnectsAfterResetOnFirstUse() {
        SQLConnection connection = new SQLConnection(context);
        FakeClient first = connection.instance();

        connection.reset();

        assertThat(first.isClosed()).isTrue();
        assertThat(context.connects).as("reset alone does not connect").hasValue(1);
        FakeClient second = connection.instance();
        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).isFalse();
        assertThat(context.connects).hasValue(2);
    }

    @Test
    void reconnectsFromTheCurrentConfiguration() {
        SQLConnection connection = new SQLConnection(context);

        context.config(secrets("replica.example.com"));
        connection.reset();

        assertThat(connection.instance().host).isEqualTo("replica.example.com");
    }

    @Test
    void concurrentFirstUseAfterResetConnectsOnce() throws Exception {
        SQLConnection connection = new SQLConnection(context);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 1; round <= 20; round++) {
                connection.reset();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<FakeClient>> clients = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    clients.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return connection.instance();
                    }));
                }
                Set<FakeClient> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Future<FakeClient> client : clients) {
                    distinct.add(client.get(10, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("round %d", round).hasSize(1);
                assertThat(context.connects).as("round %d", round).hasValue(1 + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetIfCurrentDropsOnlyTheClientThatFailed() {
        ReplacingConnection connection = new ReplacingConnection(context);
        FakeClient failed = connection.instance();

        assertThat(connection.replace(failed)).isTrue();
        FakeClient second = connection.instance();
        assertThat(connection.replace(failed)).as("a second thread that met the same failure").isFalse();

        assertThat(failed.isClosed()).isTrue();
        assertThat(second.isClosed()).isFalse();
        assertThat(connection.instance()).isSameAs(second);
        assertThat(context.connects).hasValue(2);
    }

    /** Replaces its client after a failure of that client, as a connector would. */
    static final class ReplacingConnection extends SQLConnection {
        ReplacingConnection(TestContext context) {
            super(context);
        }

        boolean replace(FakeClient failed) {
            return resetIfCurrent(failed);
        }
    }

    @Test
    void resetIsIdempotent() {
        SQLConnection connection = new SQLConnection(context);
        FakeClient client = connection.instance();

        connection.reset();
        connection.reset();

        assertThat(client.closes).hasValue(1);
        assertThat(context.connects).hasValue(1);
        assertThat(context.warnings).isEmpty();
    }

    @Test
    void closeClosesTheClientOnceAndIsIdempotent() {
        SQLConnection connection = new SQLConnection(context);
        FakeClient client = connection.instance();

        connection.close();
        connection.close();

        assertThat(client.closes).hasValue(1);
        assertThat(connection.isClosed()).isTrue();
        assertThat(context.warnings).isEmpty();
    }

    @Test
    void instanceAfterCloseFailsClearly() {
        SQLConnection connection = new SQLConnection(context);
        connection.close();

        assertThatThrownBy(connection::instance).isExactlyInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("SQLConnection[name=pets, type=sql, from=.streamlit/secrets.toml:12] is closed");
        assertThat(context.connects).hasValue(1);
    }

    @Test
    void resetAfterCloseDoesNotReopen() {
        SQLConnection connection = new SQLConnection(context);
        connection.close();

        connection.reset();

        assertThatThrownBy(connection::instance).hasMessageContaining("is closed");
        assertThat(context.connects).hasValue(1);
    }

    @Test
    void overriddenReleaseShutsDownAClientThatIsNotCloseable() {
        PoolConnection connection = new PoolConnection(context);
        Pool first = connection.instance();

        connection.reset();
        Pool second = connection.instance();
        connection.close();

        assertThat(first.shutdowns).hasValue(1);
        assertThat(second.shutdowns).hasValue(1);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void resetAndCloseClearTheQueryCache() {
        SQLConnection connection = new SQLConnection(context);

        connection.reset();
        int afterReset = context.cacheClears.get();
        assertThat(afterReset).isPositive();
        connection.clearQueryCache();
        assertThat(context.cacheClears).hasValue(afterReset + 1);
        connection.close();
        assertThat(context.cacheClears).hasValueGreaterThan(afterReset + 1);
    }

    @Test
    void toStringNamesConnectionTypeAndSourceButNoSecret() {
        SQLConnection connection = new SQLConnection(context);

        assertThat(connection).hasToString("SQLConnection[name=pets, type=sql, from=.streamlit/secrets.toml:12]");
    }

    @Test
    void toStringOfAnAnonymousConnectionNamesItsClass() {
        BaseConnection<String> connection = new BaseConnection<>(context) {
            @Override
            protected String connect(ConnectionConfig config) {
                return "client";
            }
        };

        assertThat(connection.toString()).startsWith(BaseConnectionTest.class.getName() + "$")
                .endsWith("[name=pets, type=sql, from=.streamlit/secrets.toml:12]");
    }

    @Test
    void rejectsANullContext() {
        assertThatNullPointerException().isThrownBy(() -> new SQLConnection(null)).withMessage("context");
    }
}
