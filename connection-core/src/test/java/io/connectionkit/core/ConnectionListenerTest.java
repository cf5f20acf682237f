package io.connectionkit.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a registry tells its listeners, and the per-name statistics and configured connections it reports. */
class ConnectionListenerTest {

    private static final String CANARY = "canary-Listen-83d2";

    @TempDir
    Path dir;

    private final FakeTicker ticker = new FakeTicker();
    private final Recorder recorder = new Recorder();
    private ConnectionRegistry registry;

    /** Every event as a line: {@code created pets}, {@code connected pets 1} (the client's generation). */
    static final class Recorder implements ConnectionListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<RuntimeException> errors = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void created(ConnectionInfo connection) {
            events.add("created " + connection.name());
        }

        @Override
        public void connected(ConnectionInfo connection, Object client) {
            events.add("connected " + connection.name() + " " + ((InMemoryConnection.InMemoryDatabase) client).generation);
        }

        @Override
        public void reset(ConnectionInfo connection, Object client) {
            events.add("reset " + connection.name() + " " + ((InMemoryConnection.InMemoryDatabase) client).generation);
        }

        @Override
        public void closed(ConnectionInfo connection, Object client) {
            events.add("closed " + connection.name() + (client == null ? "" : " "
                    + ((InMemoryConnection.InMemoryDatabase) client).generation));
        }

        @Override
        public void failed(ConnectionInfo connection, RuntimeException error) {
            events.add("failed " + connection.name());
            errors.add(error);
        }
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private Path secrets(String toml) throws IOException {
        Path file = dir.resolve("secrets.toml");
        Files.writeString(file, toml);
        return file;
    }

    private RegistryBuilder builder(Path secrets) {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(dir).workingDirectory(dir).ticker(ticker).classLoader(InMemoryProvider.classLoader())
                .secretsFiles(secrets);
        builder.environment(Map.of()).systemProperties(Map.of());
        return builder;
    }

    private static String section(String name, String database, boolean fail) {
        return "[connections." + name + "]\ntype = \"inmemory\"\ndatabase = \"" + database + "\"\npassword = \""
                + CANARY + "\"\nfail = " + fail + "\n";
    }

    @Test
    void toldOfCreationOnceAndNotOfLaterGets() throws IOException {
        registry = builder(secrets(section("listen_once", "a", false))).listener(recorder).build();

        registry.get("listen_once");
        registry.get("listen_once");
        registry.get("listen_once", InMemoryConnection.class);

        assertThat(recorder.events).containsExactly("connected listen_once 1", "created listen_once");
    }

    @Test
    void toldOfAResetBySecretsAndOfTheReconnectThatFollows() throws IOException {
        Path file = secrets(section("listen_reset", "a", false));
        registry = builder(file).listener(recorder).build();
        InMemoryConnection db = registry.get("listen_reset", InMemoryConnection.class);

        Files.writeString(file, section("listen_reset", "b", false));
        assertThat(registry.reloadSecrets()).isTrue();
        assertThat(recorder.events).endsWith("reset listen_reset 1");
        db.query("select 1", QueryOptions.noCache());
        db.reset();
        db.reset(); // nothing left to drop: not told again

        assertThat(recorder.events).containsExactly("connected listen_reset 1", "created listen_reset",
                "reset listen_reset 1", "connected listen_reset 2", "reset listen_reset 2");
    }

    @Test
    void toldOfCloseOnceWhetherByItsUserOrByTheRegistry() throws IOException {
        registry = builder(secrets(section("closed_by_user", "a", false) + section("closed_by_registry", "a", false)))
                .listener(recorder).build();
        InMemoryConnection first = registry.get("closed_by_user", InMemoryConnection.class);
        registry.get("closed_by_registry");

        first.close();
        first.close();
        registry.close();

        assertThat(recorder.events).containsExactly("connected closed_by_user 1", "created closed_by_user",
                "connected closed_by_registry 1", "created closed_by_registry", "closed closed_by_user 1",
                "closed closed_by_registry 1");
    }

    @Test
    void toldOfAFailedCreationAndAFailedReconnectWithTheMaskedErrorTheCallerGets() throws IOException {
        Path file = secrets(section("listen_fail", "a", true) + section("listen_refail", "a", false));
        registry = builder(file).listener(recorder).build();

        Throwable creating = assertThatThrownBy(() -> registry.get("listen_fail")).actual();
        InMemoryConnection db = registry.get("listen_refail", InMemoryConnection.class);
        Files.writeString(file, section("listen_fail", "a", true) + section("listen_refail", "a", true));
        registry.reloadSecrets();
        Throwable reconnecting = assertThatThrownBy(() -> db.query("select 1", QueryOptions.noCache()))
                .isInstanceOf(ConnectionException.class).actual();

        assertThat(recorder.events).containsExactly("failed listen_fail", "connected listen_refail 1",
                "created listen_refail", "reset listen_refail 1", "failed listen_refail");
        assertThat(recorder.errors).containsExactly((RuntimeException) creating, (RuntimeException) reconnecting);
        assertThat(recorder.errors).allSatisfy(e -> assertThat(e).hasMessageNotContaining(CANARY)
                .hasMessageContaining("****"));
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheConnectionWorks() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionEvents.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.setAdditive(false);
        logger.addAppender(log);
        try {
            registry = builder(secrets(section("listen_throws", "a", false)))
                    .listener(new ConnectionListener() {
                        @Override
                        public void created(ConnectionInfo connection) {
                            throw new IllegalStateException("broken metrics " + CANARY);
                        }
                    })
                    .listener(recorder).build();

            InMemoryConnection db = registry.get("listen_throws", InMemoryConnection.class);

            assertThat(db.query("select 1", QueryOptions.noCache()).rowCount()).isEqualTo(1);
            assertThat(recorder.events).containsExactly("connected listen_throws 1", "created listen_throws");
            assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .startsWith("Listener io.connectionkit.core.ConnectionListenerTest$")
                    .endsWith(" failed on 'created' of connection 'listen_throws': java.lang.IllegalStateException"));
        } finally {
            logger.detachAppender(log);
            logger.setAdditive(true);
        }
    }

    @Test
    void aListenerAddedLaterIsToldOfTheLiveConnectionsFirst() throws IOException {
        registry = builder(secrets(section("live_before", "a", false) + section("closed_before", "a", false))).build();
        InMemoryConnection live = registry.get("live_before", InMemoryConnection.class);
        registry.get("closed_before", InMemoryConnection.class).close();
        live.reset();
        live.query("select 1", QueryOptions.noCache());

        registry.addListener(recorder);
        live.reset();
        registry.removeListener(recorder);
        live.close();

        assertThat(recorder.events).containsExactly("connected live_before 2", "created live_before",
                "reset live_before 2");
    }

    @Test
    void toldOfACloseWhenTheConnectionsTtlPasses() throws IOException {
        registry = builder(secrets(section("short_lived", "a", false))).listener(recorder).build();
        registry.request("short_lived").ttl(Duration.ofMinutes(1)).get();

        ticker.advance(Duration.ofMinutes(2));
        registry.cleanUp();

        assertThat(recorder.events).containsExactly("connected short_lived 1", "created short_lived",
                "closed short_lived 1");
    }

    /** What one listener heard, by connection. */
    static final class Lives implements ConnectionListener {
        final Map<ConnectionInfo, List<String>> heard = new java.util.concurrent.ConcurrentHashMap<>();

        private void add(ConnectionInfo connection, String event) {
            heard.computeIfAbsent(connection, c -> Collections.synchronizedList(new ArrayList<>())).add(event);
        }

        @Override
        public void created(ConnectionInfo connection) {
            add(connection, "created");
        }

        @Override
        public void connected(ConnectionInfo connection, Object client) {
            add(connection, "connected");
        }

        @Override
        public void reset(ConnectionInfo connection, Object client) {
            add(connection, "reset");
        }

        @Override
        public void closed(ConnectionInfo connection, Object client) {
            add(connection, "closed");
        }
    }

    @Test
    void listenersAddedWhileConnectionsComeAndGoHearEachOnesLifeOnceAndInOrder() throws Exception {
        StringBuilder toml = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            toml.append(section("churn" + i, "a", false));
        }
        registry = builder(secrets(toml.toString())).build();
        List<Lives> listeners = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger lived = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String name = "churn" + t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        InMemoryConnection db = registry.get(name, InMemoryConnection.class);
                        db.reset();
                        db.query("select 1", QueryOptions.noCache());
                        db.close();
                        lived.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 8; i++) {
                int joinAfter = (i + 1) * 100; // of the 2,000 lives: each listener joins a churn under way
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(1))
                        .until(() -> lived.get() >= joinAfter);
                Lives lives = new Lives();
                listeners.add(lives);
                registry.addListener(lives);
            }
            for (java.util.concurrent.Future<?> future : running) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // From where it joined: how far the connection had come (its client, its creation), then what followed.
        String life = "(connected )?(created )?(connected )?(reset connected )*(reset )?closed";
        assertThat(listeners).allSatisfy(lives -> {
            assertThat(lives.heard).isNotEmpty();
            lives.heard.forEach((connection, events) -> assertThat(String.join(" ", events))
                    .as("what a listener heard of %s", connection).matches(life));
        });
    }

    @Test
    void theSameInfoStandsForOneConnectionAndANewOneForItsSuccessor() throws IOException {
        List<ConnectionInfo> seen = Collections.synchronizedList(new ArrayList<>());
        registry = builder(secrets(section("successor", "a", false))).listener(new ConnectionListener() {
            @Override
            public void created(ConnectionInfo connection) {
                seen.add(connection);
            }

            @Override
            public void closed(ConnectionInfo connection, Object client) {
                seen.add(connection);
            }
        }).build();

        registry.get("successor").close();
        registry.get("successor");

        assertThat(seen).hasSize(3);
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(seen.get(2)).isNotSameAs(seen.get(0));
        assertThat(seen.get(0).toString()).isEqualTo("ConnectionInfo[name=successor, type=inmemory, from="
                + seen.get(0).source() + "]").doesNotContain(CANARY);
        assertThat(seen.get(0).source().location()).endsWith("secrets.toml");
        assertThat(seen.get(0).source().line()).isEqualTo(1);
    }

    @Test
    void queryCacheStatsOfANameOutliveItsConnections() throws IOException {
        registry = builder(secrets(section("stats_pets", "a", false) + section("stats_other", "a", false))).build();
        InMemoryConnection pets = registry.get("stats_pets", InMemoryConnection.class);
        QueryOptions cached = QueryOptions.ttl(Duration.ofMinutes(5));
        pets.query("select 1", cached);
        pets.query("select 1", cached);
        pets.close();
        InMemoryConnection again = registry.get("stats_pets", InMemoryConnection.class);
        again.query("select 1", cached);
        again.query("select 1", cached);
        registry.get("stats_other", InMemoryConnection.class).query("select 2", cached);

        QueryCacheStats stats = registry.queryCacheStats("stats_pets");
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.loads()).isEqualTo(2);
        assertThat(stats.bytes()).isPositive();
        assertThat(registry.queryCacheStats("stats_other").loads()).isEqualTo(1);
        assertThat(registry.queryCacheStats().loads()).isEqualTo(3);
        assertThat(registry.queryCacheStats("stats_never").loads()).isZero();
    }

    @Test
    void queryCacheMaxBytesIsTheBoundGiven() throws IOException {
        registry = builder(secrets("")).queryCacheMaxBytes(12_345).build();

        assertThat(registry.queryCacheMaxBytes()).isEqualTo(12_345);
    }

    @Test
    void configuredConnectionsListEachTableInFileOrderWithItsTypeAndWhereItIs() throws IOException {
        Path file = secrets(section("zeta", "a", false) + "\n[connections.\"my.db\"]\nurl = \"sqlite:///pets.db\"\n"
                + "\n[connections.inmemory]\npassword = \"" + CANARY + "\"\n[connections.\"odd\\\"name\"]\ntype = \"inmemory\"\n"
                + "password = \"" + CANARY + "\"\n[other]\nkey = 1\n");
        registry = builder(file).build();

        List<ConfiguredConnection> configured = registry.configuredConnections();

        assertThat(configured).extracting(ConfiguredConnection::name)
                .containsExactly("zeta", "my.db", "inmemory", "odd\"name");
        assertThat(configured).extracting(ConfiguredConnection::type)
                .containsExactly("inmemory", null, "inmemory", "inmemory");
        assertThat(configured).extracting(c -> c.source().line()).containsExactly(1, 7, 10, 0);
        assertThat(configured.get(3).config().masked()).containsEntry("password", "****");
        assertThat(configured.get(0).config().masked()).containsEntry("password", "****")
                .containsEntry("database", "a");
        assertThat(configured.toString()).doesNotContain(CANARY);
    }
}
