package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries of transient failures, and what a failed rollback leaves, with a driver that loses its
 * connections as a restarted server does.
 */
class SQLConnectionRetryTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private SQLConnection db;
    /** HikariCP's warnings about the connections these tests break on purpose, kept off the console. */
    private LogCapture provoked;

    @BeforeEach
    void setUp(TestInfo info) {
        provoked = LogCapture.of(com.zaxxer.hikari.pool.ProxyConnection.class, Level.WARN);
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml("""
                [connections.flaky]
                type = "sql"
                url = "jdbc:flaky:mem:%s;DB_CLOSE_DELAY=-1"
                driver = "%s"
                retry_wait = 0
                create_engine_kwargs = { pool_size = 4, max_overflow = 4 }
                """.formatted(info.getTestMethod().orElseThrow().getName(), FlakyDriver.class.getName())).build();
        db = registry.get("flaky", SQLConnection.class);
    }

    @AfterEach
    void tearDown() {
        try {
            registry.close();
        } finally {
            provoked.close();
        }
    }

    @Test
    void aLostConnectionIsRetriedOnANewConnection() {
        HikariDataSource before = (HikariDataSource) db.dataSource();
        db.query("select 1 as one", QueryOptions.noCache());

        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseConnections();
            QueryResult result = db.query("select 2 as two", QueryOptions.noCache());

            assertThat(result.get(0, "two")).isEqualTo(2L);
            assertThat(logs.messages()).singleElement().asString()
                    .contains("SQL state 08006").contains("attempt 1 of 3").contains("replacing its connections");
        }
        assertThat(db.dataSource()).as("the pool itself stays").isSameAs(before);
        assertThat(before.isClosed()).isFalse();
    }

    @Test
    void manyThreadsLosingTheirConnectionsAllSucceedWithoutWaitingOnAClosedPool() throws Exception {
        int threads = 8;
        db.query("select 1 as one", QueryOptions.noCache());
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseConnections();
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long n = i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return db.query("select cast(:n as bigint) as n", QueryOptions.noCache().param("n", n));
                }));
            }
            for (int i = 0; i < threads; i++) {
                // well within pool_timeout (30 s): no thread waits for a connection of a closed pool
                assertThat(results.get(i).get(10, TimeUnit.SECONDS).get(0, "n")).isEqualTo((long) i);
            }
            assertThat(logs.messages()).as("at most one retry per thread").isNotEmpty().hasSizeLessThanOrEqualTo(threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A registry whose connection {@code flaky} has {@code password}, on a database of its own. */
    private ConnectionRegistry withPassword(String password, TestInfo info) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml("""
                [connections.flaky]
                type = "sql"
                url = "jdbc:flaky:mem:%s_secret;DB_CLOSE_DELAY=-1"
                driver = "%s"
                password = "%s"
                retry_wait = 0
                """.formatted(info.getTestMethod().orElseThrow().getName(), FlakyDriver.class.getName(), password)).build();
    }

    @Test
    void aLostConnectionWhoseMessageShowsTheSecretIsRetriedToo(TestInfo info) {
        // The driver's message says "backend": masked as the password, it must still read as transient.
        try (ConnectionRegistry secret = withPassword("backend", info);
             LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            SQLConnection flaky = secret.get("flaky", SQLConnection.class);
            flaky.query("select 1 as one", QueryOptions.noCache());
            FlakyDriver.loseConnections();

            QueryResult result = flaky.query("select 2 as two", QueryOptions.noCache());

            assertThat(result.get(0, "two")).isEqualTo(2L);
            assertThat(logs.messages()).singleElement().asString().contains("SQL state 08006").contains("attempt 1 of 3");
        }
    }

    @Test
    void aRollbackThatFailsIsAddedToTheWorksExceptionMasked(TestInfo info) {
        // The driver's message says "backend": as the password, it must not show in what the caller gets.
        try (ConnectionRegistry secret = withPassword("backend", info)) {
            SQLConnection flaky = secret.get("flaky", SQLConnection.class);
            IllegalStateException failure = new IllegalStateException("changed my mind");
            FlakyDriver.failRollbacks(true);

            assertThatThrownBy(() -> flaky.transaction(tx -> {
                tx.execute("create table rolled_back (id int)");
                throw failure;
            })).isSameAs(failure);
            assertThat(failure.getSuppressed()).singleElement().satisfies(rollback -> {
                assertThat(rollback.getMessage()).isEqualTo("An I/O error occurred while sending to the ****");
                assertThat(rollback.toString()).contains("SQLException");
            });
        } finally {
            FlakyDriver.failRollbacks(false);
        }
    }

    @Test
    void aLostConnectionIsRetriedByStreamBeforeItHandsOverAChunk() {
        db.query("select 1 as one", QueryOptions.noCache());
        List<QueryResult> chunks = new ArrayList<>();

        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseConnections();
            long rows = db.stream("select x from system_range(1, 25)", QueryOptions.noCache(), 10, chunks::add);

            assertThat(rows).isEqualTo(25);
            assertThat(chunks).extracting(QueryResult::rowCount).containsExactly(10, 10, 5);
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        }
    }

    @Test
    void aStreamFailingAfterItsFirstChunkIsNotRetried() {
        List<QueryResult> chunks = new ArrayList<>();

        try (LogCapture retries = LogCapture.of(SQLConnection.class, Level.WARN)) {
            assertThatThrownBy(() -> db.stream("select x from system_range(1, 25)", QueryOptions.noCache(), 10, chunk -> {
                chunks.add(chunk);
                FlakyDriver.down(true); // the next connection fails, as a retry would need one
                try {
                    db.query("select 1 as one", QueryOptions.noCache()); // fails transiently, inside the consumer
                } finally {
                    FlakyDriver.down(false);
                }
            })).isInstanceOf(QueryException.class);
            assertThat(retries.messages()).as("the query inside was retried, the stream was not").hasSize(2);
        }

        assertThat(chunks).as("the chunk handed over once, not again by a retry").hasSize(1);
    }

    @Test
    void aFailureOnEveryAttemptIsThrownAfterThree() {
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.down(true);

            assertThatThrownBy(() -> db.query("select 3 as three", QueryOptions.noCache()))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("08006");
                        assertThat(e.isTransient()).isTrue();
                    });
            assertThat(logs.messages()).as("reset after attempts 1 and 2, thrown after 3").hasSize(2);
        } finally {
            FlakyDriver.down(false);
        }
    }

    @Test
    void aPoolWhoseConnectionsAreAllInUseFailsOnceAndKeepsThem() throws Exception {
        try (ConnectionRegistry busy = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).secretsToml("""
                        [connections.busy]
                        type = "sql"
                        url = "h2:mem:busy_pool"
                        retry_wait = 0
                        create_engine_kwargs = { pool_size = 1, max_overflow = 0, pool_timeout = 0.25 }
                        """).build();
             LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            SQLConnection small = busy.get("busy", SQLConnection.class);
            HikariDataSource pool = (HikariDataSource) small.dataSource();
            try (java.sql.Connection held = small.connect()) {
                assertThatThrownBy(() -> small.query("select 1 as one", QueryOptions.noCache()))
                        .isInstanceOfSatisfying(QueryException.class, e -> {
                            assertThat(e.isTransient()).isFalse();
                            assertThat(e.getMessage()).contains("name=busy").contains("came free within pool_timeout")
                                    .containsPattern("timed out after \\d+ms")
                                    .contains("Raise pool_size");
                        });
                assertThat(held.isClosed()).isFalse();
            }
            assertThat(logs.messages()).as("neither retried nor replaced").isEmpty();
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the held connection stays in the pool").isEqualTo(1);
            assertThat(small.query("select 2 as two", QueryOptions.noCache()).get(0, "two")).isEqualTo(2L);
        }
    }

    @Test
    void aReadWhoseAnswerWasLostIsRetried() {
        db.query("select 1 as one", QueryOptions.noCache());
        FlakyDriver.takeExecutions();
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseAnswers(1, false);

            assertThat(db.query("select 2 as two", QueryOptions.noCache()).get(0, "two")).isEqualTo(2L);
            assertThat(FlakyDriver.takeExecutions()).as("sent twice").isEqualTo(2);
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        } finally {
            FlakyDriver.loseAnswers(0, false);
        }
    }

    @Test
    void aReadWhoseAnswerOutlastedTheSocketTimeoutIsNotRetried() {
        db.query("select 1 as one", QueryOptions.noCache());
        FlakyDriver.takeExecutions();
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseAnswers(1, true);

            assertThatThrownBy(() -> db.query("select 2 as two", QueryOptions.noCache()))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.sqlState()).isEqualTo("08006");
                        assertThat(e.getMessage()).contains("outlasted the driver's socket timeout")
                                .contains("it was not run again");
                    });
            assertThat(FlakyDriver.takeExecutions()).as("sent once").isEqualTo(1);
            assertThat(logs.messages()).isEmpty();
        } finally {
            FlakyDriver.loseAnswers(0, false);
        }
    }

    @Test
    void anOutageFailsWithinPoolTimeoutRetriesIncluded(TestInfo info) {
        try (ConnectionRegistry outage = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).secretsToml("""
                        [connections.flaky]
                        type = "sql"
                        url = "jdbc:flaky:mem:%s_outage;DB_CLOSE_DELAY=-1"
                        driver = "%s"
                        retry_wait = 0.2
                        create_engine_kwargs = { pool_size = 2, max_overflow = 0, pool_timeout = 2 }
                        """.formatted(info.getTestMethod().orElseThrow().getName(), FlakyDriver.class.getName())).build();
             LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN);
             LogCapture hikari = LogCapture.of("com.zaxxer.hikari", Level.ERROR)) {
            SQLConnection flaky = outage.get("flaky", SQLConnection.class);
            flaky.query("select 1 as one", QueryOptions.noCache());
            FlakyDriver.loseConnections();
            FlakyDriver.refuseConnections(true);
            long start = System.nanoTime();

            assertThatThrownBy(() -> flaky.query("select 2 as two", QueryOptions.noCache()))
                    .isInstanceOfSatisfying(QueryException.class, e ->
                            assertThat(e.getMessage()).contains("within pool_timeout (2 s), retries included"));

            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("pool_timeout plus one second at most")
                    .isLessThan(java.time.Duration.ofSeconds(3));
            assertThat(Thread.currentThread().isInterrupted()).as("the wait's own interrupt is taken back").isFalse();
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        } finally {
            FlakyDriver.refuseConnections(false);
        }
    }

    @Test
    void aWriteWhoseAnswerWasLostIsNotRunAgain() {
        db.execute("create table pets (id bigint auto_increment primary key, name varchar(40))");
        FlakyDriver.takeExecutions();
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseAnswers(1, false);

            assertThatThrownBy(() -> db.query("select id from final table (insert into pets (name) values ('Tom'))",
                    QueryOptions.noCache()))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("it may change data; it was not run again");
                    });
            assertThat(FlakyDriver.takeExecutions()).as("sent once").isEqualTo(1);
            assertThat(logs.messages()).isEmpty();
        } finally {
            FlakyDriver.loseAnswers(0, false);
        }
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(1L);
    }

    @Test
    void anUpdateWhoseAnswerWasLostIsNotRunAgain() {
        db.execute("create table pets (id bigint auto_increment primary key, name varchar(40))");
        FlakyDriver.takeExecutions();
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            FlakyDriver.loseAnswers(1, false);

            assertThatThrownBy(() -> db.execute("insert into pets (name) values (?)", "Tom"))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("it may change data; it was not run again");
                    });
            assertThat(FlakyDriver.takeExecutions()).as("sent once").isEqualTo(1);
            assertThat(logs.messages()).isEmpty();
        } finally {
            FlakyDriver.loseAnswers(0, false);
        }
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(1L);
    }

    @Test
    void aWriteWhosePoolIsResetWhileItRunsIsNotSentAgain(TestInfo info) {
        try (ConnectionRegistry resets = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).secretsToml("""
                        [connections.flaky]
                        type = "sql"
                        url = "jdbc:flaky:mem:%s_reset;DB_CLOSE_DELAY=-1"
                        driver = "%s"
                        retry_wait = 0
                        """.formatted(info.getTestMethod().orElseThrow().getName(), FlakyDriver.class.getName())).build()) {
            SQLConnection flaky = resets.get("flaky", SQLConnection.class);
            flaky.execute("create table pets (id bigint auto_increment primary key, v int)");
            flaky.execute("create alias reset_once for \"" + FlakyDriver.class.getName() + ".resetOnce\"");
            FlakyDriver.resetOnceInsideAStatement(flaky);
            FlakyDriver.takeExecutions();
            try {
                FlakyDriver.loseAnswers(1, false); // and reset_once() resets the pool while the insert runs

                assertThatThrownBy(() -> flaky.query("select id from final table (insert into pets (v) values (reset_once()))",
                        QueryOptions.noCache())).isInstanceOf(QueryException.class)
                        .hasMessageContaining("it was not run again");
                assertThat(FlakyDriver.takeExecutions()).as("sent once").isEqualTo(1);
            } finally {
                FlakyDriver.loseAnswers(0, false);
            }
            assertThat(flaky.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(1L);
        }
    }

    @Test
    void aWriteThatCompletedPastItsTimeoutReturnsItsRowsAndAReadFails() {
        db.execute("create table pets (id bigint auto_increment primary key, v int)");
        try {
            FlakyDriver.slowAnswers(400);

            assertThat(db.query("select id from final table (insert into pets (v) values (1))", QueryOptions.noCache()
                    .timeout(java.time.Duration.ofMillis(100))).get(0, "id"))
                    .as("a write the database completed, though its answer came past the timeout").isEqualTo(1L);
            assertThatThrownBy(() -> db.query("select count(*) as n from pets", QueryOptions.noCache()
                    .timeout(java.time.Duration.ofMillis(100))))
                    .as("a read whose answer came past its timeout").isInstanceOf(QueryException.class)
                    .hasMessageContaining("timed out after 0.1 s; a cancel was sent to the database");
        } finally {
            FlakyDriver.slowAnswers(0);
        }
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(1L);
    }
}
