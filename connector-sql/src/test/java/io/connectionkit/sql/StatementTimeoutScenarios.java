package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query timeouts and interrupts on one database: the statement is cancelled at the database,
 * the caller fails at once, and nothing is retried. Each database's class says how to keep its
 * server busy and how to see what it is running.
 */
abstract class StatementTimeoutScenarios {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    /** In the text of each long statement, so that the server's list of running statements shows it. */
    protected String marker;

    /** The {@code [connections.db]} lines that reach the database, without {@code type}. */
    abstract String connectionLines();

    /** A query that runs for far longer than any test waits, with {@code marker} in its text. */
    abstract String longQuery(String marker);

    /** An update (for {@code execute}) that runs as long, with {@code marker} in its text. */
    abstract String longUpdate(String marker);

    /** A query that takes a little more than 0.2 s (the test of a zero timeout gives it 0.2 s at first). */
    abstract String shortQuery();

    /** A query giving, as column {@code s}, what identifies the connection it runs on at the database. */
    abstract String sessionQuery();

    /** A query giving, as column {@code n}, how many statements other than itself that hold {@code marker} run now. */
    abstract String countRunning(String marker);

    @BeforeEach
    void setUp(TestInfo info) {
        marker = "ck_marker_" + Integer.toHexString(info.getTestMethod().orElseThrow().getName().hashCode())
                + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    @AfterEach
    void tearDown() {
        if (registry != null) {
            registry.close();
        }
    }

    SQLConnection connect(String extra) {
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml(
                "[connections.db]\ntype = \"sql\"\nretry_wait = 0\n" + connectionLines() + "\n" + extra + "\n").build();
        return registry.get("db", SQLConnection.class);
    }

    @Test
    void queryTimeoutCancelsTheStatementAtTheDatabaseAndIsNotRetried() {
        SQLConnection db = connect("query_timeout = 0.5");
        long start = System.nanoTime();

        try (LogCapture retries = LogCapture.of(SQLConnection.class, Level.WARN)) {
            assertThatThrownBy(() -> db.query(longQuery(marker), QueryOptions.noCache()))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.getMessage()).contains("timed out after 0.5 s; a cancel was sent to the database");
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.sql()).isEqualTo(longQuery(marker));
                    });
            assertThat(retries.messages()).as("not retried").isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertNoneRunning(db);
    }

    @Test
    void theTimeoutOptionWinsOverQueryTimeout() {
        SQLConnection db = connect("query_timeout = 600");

        assertThatThrownBy(() -> db.query(longQuery(marker), QueryOptions.ttl(Duration.ofMinutes(1))
                .timeout(Duration.ofMillis(300))))
                .isInstanceOf(QueryException.class).hasMessageContaining("timed out after 0.3 s");
        assertNoneRunning(db);
    }

    @Test
    void aZeroTimeoutOptionLiftsQueryTimeout() {
        SQLConnection db = connect("query_timeout = 0.2");

        assertThat(db.query(shortQuery(), QueryOptions.noCache().timeout(Duration.ZERO)).rowCount()).isEqualTo(1);
    }

    @Test
    void aConnectionOnWhichACancelWasSentRunsNothingElse() {
        SQLConnection db = connect("query_timeout = 0.3\ncreate_engine_kwargs = { pool_size = 1, max_overflow = 0 }");
        Object before = db.query(sessionQuery(), QueryOptions.noCache()).get(0, "s");

        assertThatThrownBy(() -> db.query(longQuery(marker), QueryOptions.noCache())).isInstanceOf(QueryException.class);

        assertThat(db.query(sessionQuery(), QueryOptions.noCache()).get(0, "s"))
                .as("a new connection: a late cancel could end what the old one ran next").isNotEqualTo(before);
    }

    @Test
    void executeIsBoundedByQueryTimeoutToo() {
        SQLConnection db = connect("query_timeout = 0.5");

        assertThatThrownBy(() -> db.execute(longUpdate(marker)))
                .isInstanceOf(QueryException.class).hasMessageContaining("timed out after 0.5 s");
        assertNoneRunning(db);
    }

    @Test
    void anInterruptedThreadCancelsItsStatementFailsWithinASecondAndStaysInterrupted() throws Exception {
        SQLConnection db = connect("");
        Caller caller = Caller.start(() -> db.query(longQuery(marker), QueryOptions.noCache()));
        awaitRunning(db);

        long interruptedAt = System.nanoTime();
        caller.thread().interrupt();
        Throwable thrown = caller.failure().get(10, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.getMessage()).contains("thread was interrupted; a cancel was sent to the database");
            assertThat(e.isTransient()).isFalse();
        });
        assertThat(Duration.ofNanos(caller.failedAt().get() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(caller.stillInterrupted()).as("the interrupt stays set").isTrue();
        assertNoneRunning(db);
    }

    /**
     * A daemon thread running a call that the test expects to fail: what it threw, when, and
     * whether its interrupt was still set then; {@code startedAt} is when it was started.
     */
    record Caller(Thread thread, CompletableFuture<Throwable> failure, AtomicLong failedAt,
                  AtomicBoolean stillInterrupted, long startedAt) {

        static Caller start(Runnable call) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            AtomicLong failedAt = new AtomicLong();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            long startedAt = System.nanoTime();
            Thread thread = new Thread(() -> {
                try {
                    call.run();
                    failure.complete(null);
                } catch (Throwable e) {
                    failedAt.set(System.nanoTime());
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                    failure.complete(e);
                }
            }, "caller-of-a-long-statement");
            thread.setDaemon(true);
            thread.start();
            return new Caller(thread, failure, failedAt, stillInterrupted, startedAt);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long running(SQLConnection db) {
        Object n = db.query(countRunning(marker), QueryOptions.noCache()).get(0, "n");
        return ((Number) n).longValue();
    }

    void awaitRunning(SQLConnection db) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running(db) == 0) {
            assertThat(System.nanoTime()).as("the long statement began within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    /** The server may take a moment to end a cancelled statement; it must within two seconds. */
    private void assertNoneRunning(SQLConnection db) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long running;
        while ((running = running(db)) > 0 && System.nanoTime() < until) {
            sleep(20);
        }
        assertThat(running).as("statements holding %s still running at the database", marker).isZero();
    }
}
