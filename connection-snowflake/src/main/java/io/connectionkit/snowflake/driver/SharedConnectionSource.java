package io.connectionkit.snowflake.driver;

import io.connectionkit.api.QueryException;
import io.connectionkit.jdbc.ConnectionSource;
import io.connectionkit.jdbc.FailureKind;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one JDBC connection of a Snowflake connector's current session, lent to every statement of
 * its {@link io.connectionkit.jdbc.JdbcQueries} and never closed by one: the driver sends each
 * statement as a request of its own, and cancels one by its request id, so statements share it.
 * After a failure worth another attempt the session is replaced, once for all the threads that met
 * the same one, never one made since. The driver's errors mean what {@link SnowflakeFailures} says.
 *
 * @param <S> what the connector keeps of a session: its connection and what came with it
 */
public abstract class SharedConnectionSource<S> implements ConnectionSource {

    /** The current session, connecting again after a reset. */
    protected abstract S current();

    /** Whether {@code session} is still the current one (no reset since). */
    protected abstract boolean isCurrent(S session);

    /** The JDBC connection of {@code session}. */
    protected abstract Connection connectionOf(S session);

    /** Replaces {@code session} if it is still the current one (the connector's {@code resetIfCurrent}). */
    protected abstract void replace(S session);

    @Override
    public final Lender lender() {
        S lent = current();
        return new Lender() {
            @Override
            public Connection borrow() {
                return connectionOf(lent);
            }

            @Override
            public void giveBack(Connection connection, boolean cancelSent) {
                // Shared: nothing else on the connection is touched by a cancel.
            }

            @Override
            public boolean wasReplaced() {
                return !isCurrent(lent);
            }

            @Override
            public void replaceConnections(QueryException failure, int attempt) {
                replace(lent);
            }
        };
    }

    @Override
    public final FailureKind classify(SQLException error) {
        return SnowflakeFailures.classify(error);
    }
}
