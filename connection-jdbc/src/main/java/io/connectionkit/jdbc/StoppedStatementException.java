package io.connectionkit.jdbc;

import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A statement that {@link RunningStatements} cancelled at the database, past its timeout or
 * because its thread was interrupted: says which, and keeps the driver's error, whose SQL state
 * it takes, as its cause. Never retried: the statement ran until it was stopped.
 */
final class StoppedStatementException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final transient RunningStatements.Stop stop;

    private StoppedStatementException(String message, RunningStatements.Stop stop, @Nullable SQLException driverError) {
        super(message, driverError == null ? null : driverError.getSQLState(),
                driverError == null ? 0 : driverError.getErrorCode(), driverError);
        this.stop = stop;
    }

    /** {@code error} as it is, unless the run's statement was stopped: then what stopped it. */
    static SQLException orAsItIs(RunningStatements.Run run, SQLException error) {
        StoppedStatementException stopped = of(run, error);
        return stopped == null ? error : stopped;
    }

    /** What stopped the run's statement, with the driver's {@code error} if it gave one; {@code null} if nothing did. */
    static @Nullable StoppedStatementException of(RunningStatements.Run run, @Nullable SQLException error) {
        RunningStatements.Stop stop = run.stop();
        if (stop == RunningStatements.Stop.TIMED_OUT) {
            return new StoppedStatementException("The statement timed out after " + seconds(run.timeout())
                    + "; a cancel was sent to the database", stop, error);
        }
        if (stop == RunningStatements.Stop.INTERRUPTED) {
            return new StoppedStatementException("The statement's thread was interrupted; a cancel was sent to the"
                    + " database", stop, error);
        }
        return null;
    }

    /** Whether the thread was interrupted; its interrupt stays set for the caller to see. */
    boolean byInterrupt() {
        return stop == RunningStatements.Stop.INTERRUPTED;
    }

    /** {@code 5 s}, {@code 1.5 s}, {@code 0.25 s}. */
    static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + " s";
    }
}
