package io.connectionkit.jdbc;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where {@link JdbcQueries} gets a JDBC connector's connections: a pool, or one connection the
 * connector shares. The connector also decides which of its driver's errors are worth another
 * attempt ({@link #classify}); the attempts themselves, their timing and their safety are
 * {@link JdbcQueries}'s.
 */
public interface ConnectionSource {

    /**
     * What stands behind the connections of one attempt (the pool as it is now), opened again if
     * a reset closed it.
     *
     * @throws ConnectionException when it cannot be opened; a transient one is tried again
     */
    Lender lender();

    /**
     * What {@code error}, thrown by the driver while a statement ran or a connection was being
     * had, means for trying again. By default a lost connection (SQL state class {@code 08},
     * {@link java.sql.SQLTransientConnectionException}, ...) is
     * {@link FailureKind#CONNECTION_LOST} and the rest {@link FailureKind#PERMANENT}.
     */
    default FailureKind classify(SQLException error) {
        return QueryException.isTransient(error) ? FailureKind.CONNECTION_LOST : FailureKind.PERMANENT;
    }

    /** The connections of one attempt. */
    interface Lender {

        /**
         * A connection for one statement.
         *
         * @throws SQLException the driver's or the pool's, which {@link #classify} judges
         * @throws QueryException a failure the source has already put in words (a pool that
         *         stayed busy, say), retried only when it says it is transient
         */
        Connection borrow() throws SQLException;

        /**
         * Gives {@code connection} back after its statement; {@code cancelSent}: a cancel was sent
         * on it, which a driver may deliver late, to the next statement, so it must not be lent again.
         */
        void giveBack(Connection connection, boolean cancelSent) throws SQLException;

        /**
         * Whether the connections were replaced (a reset by another thread) since this lender was
         * had: a failure before the statement was sent is then no fault of the statement, and is
         * tried again at once, with no wait.
         */
        default boolean wasReplaced() {
            return false;
        }

        /**
         * After a failure worth another attempt: replaces the connections, so that the next
         * attempt does not meet the same broken one.
         */
        void replaceConnections(QueryException failure, int attempt);
    }
}
