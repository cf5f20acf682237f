package io.connectionkit.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HikariCP pool of one SQL connection, which a reset retires rather than closes under its
 * borrowers. HikariCP wakes no thread waiting for a connection when its pool closes: one that had
 * begun to borrow when the secrets changed would wait out {@code pool_timeout} and fail. A retired
 * pool lends to the borrows already under way, refuses new ones (they go to the pool that
 * replaces it), and closes once the last has ended, or after its connection timeout.
 */
final class ReplaceablePool extends HikariDataSource {

    /** How often a retiring pool looks for borrows still under way. */
    private static final long POLL_MILLIS = 5;

    private final AtomicInteger borrowing = new AtomicInteger();
    private volatile boolean retiring;

    ReplaceablePool(HikariConfig config) {
        super(config);
    }

    /**
     * A connection of the pool, as HikariCP lends it.
     *
     * @throws SQLTransientConnectionException at once, with SQL state 08003, when the pool was retired
     */
    @Override
    public Connection getConnection() throws SQLException {
        borrowing.incrementAndGet();
        try {
            if (retiring) { // read after the count: retire() then waits for this borrow, or it sees the flag
                throw new SQLTransientConnectionException(getPoolName() + " was replaced", "08003");
            }
            return super.getConnection();
        } finally {
            borrowing.decrementAndGet();
        }
    }

    /** Whether {@link #retire()} has begun: a borrow that failed on it may go to the new pool at once. */
    boolean isRetired() {
        return retiring || isClosed();
    }

    /** Refuses new borrows, waits for those under way (at most the connection timeout), then closes. */
    void retire() {
        retiring = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getConnectionTimeout());
        try {
            while (borrowing.get() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close now: the calling thread is asked to stop
        } finally {
            close();
        }
    }
}
