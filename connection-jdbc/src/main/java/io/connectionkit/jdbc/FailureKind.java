package io.connectionkit.jdbc;

/**
 * What a driver's error means for trying the statement again: a JDBC connector's answer to
 * {@link ConnectionSource#classify}. Whether a retry is then safe is decided by {@link JdbcQueries},
 * which knows whether the statement was sent and whether it can change data.
 */
public enum FailureKind {
    /** The same statement would fail again (a syntax error, a constraint, a wrong password): never retried. */
    PERMANENT,
    /**
     * The connection was lost, and the statement may or may not have run: retried when it was not
     * yet sent, or, for a query, when it only reads and did not outlast the driver's socket
     * timeout. The connections are replaced either way, so that the next call does not meet it.
     */
    CONNECTION_LOST,
    /**
     * The database refused the statement before running it (an expired session, say): retried,
     * also a statement that changes data, as it cannot have run.
     */
    NOT_RUN
}
