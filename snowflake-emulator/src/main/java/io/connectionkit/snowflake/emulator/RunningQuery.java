package io.connectionkit.snowflake.emulator;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A statement under way, which an abort request, SYSTEM$CANCEL_ALL_QUERIES, SYSTEM$CANCEL_QUERY or
 * its statement timeout ends: a delay it waits out is cut short, and the H2 statement it runs is
 * cancelled.
 */
final class RunningQuery {
    private final String requestId;
    private final long sessionId;
    private final String queryId;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean canceled;
    private volatile long timedOutAfterSeconds = -1;
    private volatile Statement statement;

    /** A statement no request, session or query id names, as {@code execute(...)} runs. */
    RunningQuery() {
        this(null, -1, null);
    }

    RunningQuery(String requestId, long sessionId, String queryId) {
        this.requestId = requestId;
        this.sessionId = sessionId;
        this.queryId = queryId;
    }

    /** The driver's id of the request, which its abort request names; may be null. */
    String requestId() {
        return requestId;
    }

    long sessionId() {
        return sessionId;
    }

    /** The id the answer gives the statement, which SYSTEM$CANCEL_QUERY names. */
    String queryId() {
        return queryId;
    }

    void cancel() {
        canceled = true;
        end();
    }

    void timeOut(long seconds) {
        timedOutAfterSeconds = seconds;
        end();
    }

    private void end() {
        ended.countDown();
        Statement running = statement;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException alreadyDone) {
                // It finished on its own.
            }
        }
    }

    /** Throws the error Snowflake answers once the statement was cancelled or timed out. */
    void check() throws SnowflakeError {
        if (timedOutAfterSeconds >= 0) {
            throw SnowflakeError.timedOut(timedOutAfterSeconds);
        }
        if (canceled) {
            throw SnowflakeError.canceled();
        }
    }

    /** Waits {@code delay} unless the statement ends first. */
    void sleep(Duration delay) throws SnowflakeError {
        try {
            ended.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SnowflakeError.canceled();
        }
        check();
    }

    /** Makes {@code running} the statement a cancel reaches. */
    void executing(Statement running) throws SnowflakeError {
        statement = running;
        check();
    }
}
