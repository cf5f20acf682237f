package io.connectionkit.micrometer;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The meters a user sees in a {@code SimpleMeterRegistry} after known sequences of queries, resets and closes. */
class ConnectionRegistryMetricsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private ConnectionRegistry registry;
    private Path secrets;
    private String database;

    private ConnectionRegistry registry(String toml, long maxBytes) throws IOException {
        secrets = dir.resolve("secrets.toml");
        Files.writeString(secrets, toml);
        registry = ConnectionRegistry.builder().secretsFiles(secrets).homeDirectory(dir).workingDirectory(dir)
                .ticker(nanos::get).queryCacheMaxBytes(maxBytes).build();
        return registry;
    }

    private String h2(String name, int poolSize, TestInfo info) {
        database = info.getTestMethod().orElseThrow().getName();
        return "[connections." + name + "]\ntype = \"sql\"\nurl = \"h2:mem:" + database + ";DB_CLOSE_DELAY=-1\"\n"
                + "pool_size = " + poolSize + "\nmax_overflow = 0\npool_timeout = 1\n";
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        meters.close();
    }

    private double counter(String name, String connection) {
        return meters.get(name).tags("connection", connection, "type", "sql").functionCounter().count();
    }

    private double count(String name, String connection) {
        return meters.get(name).tags("connection", connection, "type", "sql").counter().count();
    }

    @Test
    void countsHitsMissesAndLoadsOfEachConnection(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10));

        pets.query("select 1 as one", tenMinutes);
        pets.query("select 1 as one", tenMinutes);
        pets.query("select 1 as one", tenMinutes);
        pets.query("select 2 as two", tenMinutes);
        pets.query("select 3 as three", QueryOptions.noCache());
        assertThatThrownBy(() -> pets.query("select * from no_such_table", tenMinutes));

        assertThat(counter("connectionkit.query.cache.hits", "pets")).isEqualTo(2);
        assertThat(counter("connectionkit.query.cache.misses", "pets")).isEqualTo(3);
        assertThat(counter("connectionkit.query.cache.load.failures", "pets")).isEqualTo(1);
        FunctionTimer loads = meters.get("connectionkit.query.cache.loads").tags("connection", "pets").functionTimer();
        assertThat(loads.count()).isEqualTo(2);
        assertThat(meters.get("connectionkit.query.cache.size").tags("connection", "pets").gauge().value())
                .isEqualTo(registry.queryCacheStats("pets").bytes()).isPositive();
        assertThat(meters.get("connectionkit.query.cache.max.size").gauge().value()).isEqualTo(1 << 20);
        assertThat(meters.get("connectionkit.query.cache.max.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(count("connectionkit.connections.created", "pets")).isEqualTo(1);
        assertThat(meters.get("connectionkit.connections.live").tags("connection", "pets").gauge().value()).isEqualTo(1);
    }

    @Test
    void countsEvictionsForTheByteBound(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1); // no result fits: each is evicted as soon as it is stored
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);

        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));

        assertThat(counter("connectionkit.query.cache.evictions", "pets")).isEqualTo(2);
        assertThat(counter("connectionkit.query.cache.misses", "pets")).as("the first result was not kept").isEqualTo(2);
        assertThat(meters.get("connectionkit.query.cache.size").tags("connection", "pets").gauge().value()).isZero();
    }

    @Test
    void countsEvictionsForTheTtl(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);

        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofSeconds(10)));
        pets.query("select 2 as two", QueryOptions.ttl(Duration.ofSeconds(10)));
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());

        assertThat(counter("connectionkit.query.cache.evictions", "pets")).isEqualTo(2);
        assertThat(meters.get("connectionkit.query.cache.size").tags("connection", "pets").gauge().value()).isZero();
    }

    @Test
    void countsResetsAndTheNewPoolsMetersReplaceTheOldOnes(TestInfo info) throws IOException {
        registry(h2("pets", 2, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));
        assertThat(meters.get("hikaricp.connections.max").tags("pool", "connectionkit-pets").gauge().value()).isEqualTo(2);

        Files.writeString(secrets, h2("pets", 4, info));
        assertThat(registry.reloadSecrets()).isTrue();
        assertThat(count("connectionkit.connections.reset", "pets")).isEqualTo(1);
        assertThat(meters.find("hikaricp.connections.max").gauges()).as("the old pool's, removed as it closed").isEmpty();
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));

        assertThat(meters.get("hikaricp.connections.max").tags("pool", "connectionkit-pets").gauge().value())
                .as("the new pool's").isEqualTo(4);
        assertThat(counter("connectionkit.query.cache.misses", "pets")).as("counted across the reset").isEqualTo(2);
        assertThat(count("connectionkit.connections.created", "pets")).isEqualTo(1);
    }

    @Test
    void poolMetersFollowThePoolThroughResetsUnderLoad(TestInfo info) throws Exception {
        registry(h2("pets", 1, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(load.submit(() -> {
                int done = 0;
                while (running.get()) {
                    try {
                        pets.query("select 1 as one", QueryOptions.noCache());
                    } catch (RuntimeException resetUnderfoot) {
                        // a statement on a pool being closed by the reset may fail; the next one reconnects
                    }
                    done++;
                    tried.incrementAndGet();
                }
                return done;
            }));
        }
        try {
            for (int size = 2; size <= 12; size++) {
                Files.writeString(secrets, h2("pets", size, info));
                assertThat(registry.reloadSecrets()).isTrue();
                int before = tried.get();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> tried.get() >= before + 4);
            }
        } finally {
            running.set(false);
            load.shutdown();
        }
        int queries = 0;
        for (java.util.concurrent.Future<Integer> worker : workers) {
            queries += worker.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(queries).as("queries tried while the pools were replaced").isGreaterThanOrEqualTo(4);
        pets.query("select 1 as one", QueryOptions.noCache());

        assertThat(count("connectionkit.connections.reset", "pets")).isEqualTo(11);
        assertThat(meters.get("hikaricp.connections.max").tags("pool", "connectionkit-pets").gauge().value())
                .as("the last pool's").isEqualTo(12);
    }

    @Test
    void bindingTwiceToOneMeterRegistryCountsOnce(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        ConnectionRegistryMetrics metrics = new ConnectionRegistryMetrics(registry);
        metrics.bindTo(meters);
        metrics.bindTo(meters);

        registry.get("pets", SQLConnection.class);

        assertThat(count("connectionkit.connections.created", "pets")).isEqualTo(1);
    }

    @Test
    void poolMetersAreThereForALiveConnectionAndGoneAfterItCloses(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection pets = registry.get("pets", SQLConnection.class);

        assertThat(meters.find("hikaricp.connections").tags("pool", "connectionkit-pets").gauge()).isNotNull();
        assertThat(meters.get("hikaricp.connections.acquire").tags("pool", "connectionkit-pets").timer()).isNotNull();
        pets.close();

        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("hikaricp."));
        assertThat(count("connectionkit.connections.closed", "pets")).isEqualTo(1);
        assertThat(meters.get("connectionkit.connections.live").tags("connection", "pets").gauge().value()).isZero();
    }

    @Test
    void aPoolOpenedWhileAnotherOfItsNameIsOpenGetsTheMetersWhenThatOneCloses(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);
        SQLConnection first = registry.get("pets", SQLConnection.class);
        SQLConnection second = registry.request("pets").option("max_overflow", 2).get(SQLConnection.class);
        assertThat(second).isNotSameAs(first);
        assertThat(meters.get("hikaricp.connections.max").tags("pool", "connectionkit-pets").gauge().value())
                .as("the first pool's").isEqualTo(1);

        first.close();

        assertThat(meters.get("hikaricp.connections.max").tags("pool", "connectionkit-pets").gauge().value())
                .as("the second pool's").isEqualTo(3);
        second.close();
        assertThat(meters.find("hikaricp.connections.max").gauges()).isEmpty();
    }

    @Test
    void aBinderAddedAfterTheConnectionsSeesThemAndTheirPools(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        SQLConnection pets = registry.get("pets", SQLConnection.class);
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(10)));

        new ConnectionRegistryMetrics(registry).bindTo(meters);

        assertThat(count("connectionkit.connections.created", "pets")).isEqualTo(1);
        assertThat(counter("connectionkit.query.cache.hits", "pets")).as("counted before it was bound").isEqualTo(1);
        assertThat(meters.find("hikaricp.connections").tags("pool", "connectionkit-pets").gauge()).isNotNull();
    }

    @Test
    void countsFailedCreationsUnderTheirName(TestInfo info) throws IOException {
        registry("[connections.broken]\ntype = \"sql\"\nurl = \"h2:tcp://127.0.0.1:1/nowhere\"\npool_timeout = 1\n",
                1 << 20);
        new ConnectionRegistryMetrics(registry).bindTo(meters);

        assertThatThrownBy(() -> registry.get("broken"));
        assertThatThrownBy(() -> registry.get("broken"));

        assertThat(count("connectionkit.connections.failed", "broken")).isEqualTo(2);
        assertThat(count("connectionkit.connections.created", "broken")).isZero();
    }

    @Test
    void closeRemovesItsMetersAndStopsCounting(TestInfo info) throws IOException {
        registry(h2("pets", 1, info), 1 << 20);
        ConnectionRegistryMetrics metrics = new ConnectionRegistryMetrics(registry, Tags.of("app", "shop"));
        metrics.bindTo(meters);
        registry.get("pets", SQLConnection.class);
        assertThat(meters.get("connectionkit.connections.created").tags("app", "shop", "connection", "pets")
                .counter().count()).isEqualTo(1);

        metrics.close();
        registry.get("pets", SQLConnection.class).close();

        List<String> left = meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .filter(name -> name.startsWith("connectionkit.")).toList();
        assertThat(left).isEmpty();
    }
}
