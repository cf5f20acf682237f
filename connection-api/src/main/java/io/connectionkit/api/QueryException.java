package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A query that failed. Carries the statement as written, with its placeholders, the SQL state and
 * the vendor code of the driver's error, and whether the failure is transient: a lost connection
 * that a retry after {@link BaseConnection#reset()} may cure, as opposed to a syntax error or
 * a constraint violation that would fail again.
 *
 * <p>What the message shows: our own words never hold a bound value. The database's message is
 * included, with the connection's secrets masked, and may repeat a value the statement sent
 * (PostgreSQL's {@code invalid input syntax for type integer: "..."}, a duplicate key's value); a
 * value that is no secret of the connection is not masked there.
 */
public class QueryException extends ConnectionException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SQL_IN_MESSAGE = 500;

    private final String sql;
    private final String sqlState;
    private final int vendorCode;

    /**
     * @param message    what went wrong, without secrets; the caller's own words hold no bound value
     * @param sql        the statement as written, with its placeholders
     * @param sqlState   the SQL state, or {@code null} when the driver gave none
     * @param vendorCode the driver's own error code, 0 when none
     * @param isTransient whether retrying after a reset may succeed
     * @param cause      the driver's exception, already {@linkplain ConnectionConfig#redact(Throwable) redacted}
     */
    public QueryException(String message, @Nullable String sql, @Nullable String sqlState, int vendorCode,
                          boolean isTransient, @Nullable Throwable cause) {
        super(message, cause, isTransient);
        this.sql = sql;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * Wraps a driver's failure of {@code sql}: where a driver's words become ours. SQL state and
     * vendor code come from the first {@link SQLException} in the chain of {@code error}, and
     * transience from {@link #isTransient(Throwable)}, all read before masking; the message (the
     * state, the code, the driver's message, and the statement with its placeholders, shortened
     * past 500 characters) and the cause are masked with the secrets of {@code config}. We add no
     * bound value, but the driver's message may repeat one, and keeps it unless it is a secret of
     * {@code config}. A {@code QueryException} is returned as it is.
     *
     * @param sql    the statement as written, with its placeholders; may be null
     * @param error  the driver's exception, as the driver threw it
     * @param config the configuration of the connection, whose secrets are masked
     */
    public static QueryException of(@Nullable String sql, Throwable error, ConnectionConfig config) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(config, "config");
        if (error instanceof QueryException q) {
            return q;
        }
        SQLException sqlError = firstSqlError(error);
        String state = sqlError == null ? null : sqlError.getSQLState();
        int code = sqlError == null ? 0 : sqlError.getErrorCode();
        StringBuilder message = new StringBuilder("Query failed");
        if (state != null || code != 0) {
            message.append(" [SQL state ").append(state == null ? "none" : state)
                    .append(", vendor code ").append(code).append(']');
        }
        message.append(": ").append(error.getMessage() == null ? error.getClass().getName()
                : config.mask(error.getMessage()));
        if (sql != null) {
            // The statement is the caller's, but may quote a secret (alter user ... password '...').
            message.append(System.lineSeparator()).append("SQL: ").append(config.mask(abbreviate(sql)));
        }
        return new QueryException(message.toString(), sql, state, code, isTransient(error), config.redact(error));
    }

    /**
     * The transient failures every connector retries: SQL state class {@code 08} (connection
     * exception), {@code 57P01} (administrator shutdown), {@link SQLTransientConnectionException}
     * and {@link SQLRecoverableException}, anywhere in the cause chain; a
     * {@link ConnectionException} in the chain answers for what lies behind it.
     */
    public static boolean isTransient(@Nullable Throwable error) {
        for (Throwable t : causeChain(error)) {
            if (t instanceof ConnectionException c) {
                return c.isTransient();
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            String state = t instanceof SQLException s ? s.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.equals("57P01"))) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable SQLException firstSqlError(Throwable error) {
        for (Throwable t : causeChain(error)) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** {@code error} and its causes, each once, even when the chain loops back on itself. */
    private static List<Throwable> causeChain(@Nullable Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String abbreviate(String sql) {
        String stripped = sql.strip();
        return stripped.length() <= MAX_SQL_IN_MESSAGE ? stripped : stripped.substring(0, MAX_SQL_IN_MESSAGE) + "…";
    }

    /** The statement that failed, as written (placeholders, not values). */
    public @Nullable String sql() {
        return sql;
    }

    /** The five-character SQL state, or {@code null} when the driver gave none. */
    public @Nullable String sqlState() {
        return sqlState;
    }

    /** The driver's own error code, 0 when none. */
    public int vendorCode() {
        return vendorCode;
    }
}
