package io.connectionkit.snowflake.emulator;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A statement under way, which an abort request or its statement timeout ends: a delay it waits out
 * is cut short, and the H2 statement it runs is cancelled.
 */
final class RunningQuery {
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean canceled;
    private volatile long timedOutAfterSeconds = -1;
    private volatile Statement statement;

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
