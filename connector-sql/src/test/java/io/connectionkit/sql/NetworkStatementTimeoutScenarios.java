package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts and interrupts on a database across the network, when the network goes quiet while a
 * statement runs: neither the cancel nor the answer gets through, and the watcher aborts the
 * connection, so the caller still fails in time. The database is reached through a
 * {@link FreezableProxy} on the loopback.
 */
abstract class NetworkStatementTimeoutScenarios extends StatementTimeoutScenarios {

    private FreezableProxy proxy;
    private boolean throughProxy;
    /** HikariCP's and the driver's warnings about the connection lost on purpose. */
    private LogCapture provoked;

    /** The database's port on 127.0.0.1. */
    abstract int port();

    /** The {@code [connections.db]} lines that reach the database at {@code port}, without {@code type}. */
    abstract String connectionLines(int port);

    /** A query that runs for {@code seconds} at the database, with {@code marker} in its text. */
    abstract String sleeps(int seconds, String marker);

    /**
     * The {@code [connections.db]} lines that bound how long the driver tries to reach a quiet
     * database after the connection was aborted (its cancel, its own clean-up), and how long that
     * takes at most: the bound of a call once the network is gone.
     */
    abstract String quietNetworkBounds();

    abstract Duration quietNetworkLimit();

    /** A statement for {@code execute} that waits {@code seconds}, then inserts one row into {@code table} (a column {@code v}). */
    abstract String slowInsert(String table, int seconds);

    @Override
    String connectionLines() {
        return connectionLines(throughProxy ? proxy.port() : port());
    }

    @BeforeEach
    void startTheProxy() throws IOException {
        proxy = new FreezableProxy(port());
        provoked = LogCapture.all(Level.WARN);
    }

    @AfterEach
    void stopTheProxy() throws IOException {
        try {
            proxy.close();
        } finally {
            provoked.close();
        }
    }

    @Test
    void anInterruptedThreadFailsInTimeAlsoWhenTheNetworkGoesQuiet() throws Exception {
        SQLConnection db = connectThroughTheProxy(quietNetworkBounds());
        Caller outcome = runAndFreeze(db);

        long interruptedAt = System.nanoTime();
        outcome.thread().interrupt();
        Throwable thrown = outcome.failure().get(10, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.getMessage()).contains("thread was interrupted");
            assertThat(e.isTransient()).isFalse();
        });
        assertThat(Duration.ofNanos(outcome.failedAt().get() - interruptedAt)).isLessThan(quietNetworkLimit());
        assertThat(outcome.stillInterrupted()).as("the interrupt stays set").isTrue();
    }

    @Test
    void aQueryTimeoutEndsTheCallAlsoWhenTheNetworkGoesQuiet() throws Exception {
        SQLConnection db = connectThroughTheProxy("query_timeout = 1\n" + quietNetworkBounds());
        Caller outcome = runAndFreeze(db);

        Throwable thrown = outcome.failure().get(10, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.getMessage()).contains("timed out after 1 s");
            assertThat(e.isTransient()).isFalse();
        });
        assertThat(Duration.ofNanos(outcome.failedAt().get() - outcome.startedAt()))
                .isLessThan(Duration.ofSeconds(1).plus(quietNetworkLimit()));
    }

    @Test
    void aWriteWhoseCancelCannotGetThroughIsNotAbortedItsResultComesBack() {
        SQLConnection db = connectThroughTheProxy("query_timeout = 1\n" + quietNetworkBounds());
        String table = marker + "_t";
        db.execute("create table " + table + " (v int)");
        try {
            proxy.holdNewConnections(); // the cancel's own connection gets no answer; the statement's still works

            int inserted = db.execute(slowInsert(table, 2));

            // Aborting it would not undo what the database commits: the caller would be told it failed.
            assertThat(inserted).as("the write completed at the database, and its result is returned").isEqualTo(1);
            assertThat(rowsIn(table)).isEqualTo(1);
        } finally {
            try (ConnectionRegistry direct = direct()) {
                direct.get("db", SQLConnection.class).execute("drop table " + table);
            }
        }
    }

    /** A registry whose connection {@code db} reaches the database itself, not through the proxy. */
    private ConnectionRegistry direct() {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir)
                .secretsToml("[connections.db]\ntype = \"sql\"\n" + connectionLines(port()) + "\n").build();
    }

    private long rowsIn(String table) {
        try (ConnectionRegistry direct = direct()) {
            return ((Number) direct.get("db", SQLConnection.class)
                    .query("select count(*) as n from " + table, QueryOptions.noCache()).get(0, "n")).longValue();
        }
    }

    private SQLConnection connectThroughTheProxy(String extra) {
        throughProxy = true;
        return connect(extra);
    }

    /** Starts a statement that outlasts the test, then silences the network under it. */
    private Caller runAndFreeze(SQLConnection db) throws InterruptedException {
        Caller caller = Caller.start(() -> db.query(sleeps(5, marker), QueryOptions.noCache()));
        awaitRunning(db);
        proxy.freeze();
        return caller;
    }
}
