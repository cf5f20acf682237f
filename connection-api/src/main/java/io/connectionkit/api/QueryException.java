package io.connectionkit.api;

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
 * A query that failed. Carries the statement (never its bound values), the SQL state and the
 * vendor code of the driver's error, and whether the failure is transient: a lost connection
 * that a retry after {@link BaseConnection#reset()} may cure, as opposed to a syntax error or
 * a constraint violation that would fail again.
 */
public class QueryException extends ConnectionException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SQL_IN_MESSAGE = 500;

    private final String sql;
    private final String sqlState;
    private final int vendorCode;
    private final boolean isTransient;

    /**
     * @param message    what went wrong, without secrets or bound values
     * @param sql        the statement as written, with its placeholders
     * @param sqlState   the SQL state, or {@code null} when the driver gave none
     * @param vendorCode the driver's own error code, 0 when none
     * @param isTransient whether retrying after a reset may succeed
     * @param cause      the driver's exception, already redacted
     */
    public QueryException(String message, String sql, String sqlState, int vendorCode,
                          boolean isTransient, Throwable cause) {
        super(message, cause);
        this.sql = sql;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
        this.isTransient = isTransient;
    }

    /**
     * Wraps a failure of {@code sql}, reading SQL state and vendor code from the first
     * {@link SQLException} in the cause chain and classifying it with {@link #isTransient(Throwable)};
     * a chain copied by {@link ConnectionConfig#redact(Throwable)} gives the same as the original.
     * The message holds the state, the code, the cause's message and the statement (shortened
     * past 500 characters), but no bound value. A {@code QueryException} is returned as it is.
     *
     * @param sql   the statement as written, with its placeholders; may be null
     * @param cause the driver's exception, with secrets already masked
     */
    public static QueryException of(String sql, Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        if (cause instanceof QueryException q) {
            return q;
        }
        Throwable sqlError = firstSqlError(cause);
        String state = sqlStateOf(sqlError);
        int code = vendorCodeOf(sqlError);
        StringBuilder message = new StringBuilder("Query failed");
        if (state != null || code != 0) {
            message.append(" [SQL state ").append(state == null ? "none" : state)
                    .append(", vendor code ").append(code).append(']');
        }
        message.append(": ").append(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        if (sql != null) {
            message.append(System.lineSeparator()).append("SQL: ").append(abbreviate(sql));
        }
        return new QueryException(message.toString(), sql, state, code, isTransient(cause), cause);
    }

    /**
     * The transient failures every connector retries: SQL state class {@code 08} (connection
     * exception), {@code 57P01} (administrator shutdown), {@link SQLTransientConnectionException}
     * and {@link SQLRecoverableException}, anywhere in the cause chain, redacted copies included.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t : causeChain(error)) {
            if (t instanceof QueryException q) {
                return q.isTransient();
            }
            if (isTransientClass(t) || t instanceof RedactedException r && r.transientClass()) {
                return true;
            }
            String state = sqlStateOf(t);
            if (state != null && (state.startsWith("08") || state.equals("57P01"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class of {@code error} alone makes it transient. */
    static boolean isTransientClass(Throwable error) {
        return error instanceof SQLTransientConnectionException || error instanceof SQLRecoverableException;
    }

    /** The first {@link SQLException} in the chain, or the redacted copy of one, which keeps its state and code. */
    private static Throwable firstSqlError(Throwable error) {
        for (Throwable t : causeChain(error)) {
            if (t instanceof SQLException || t instanceof RedactedException r && r.sqlError()) {
                return t;
            }
        }
        return null;
    }

    private static String sqlStateOf(Throwable error) {
        return error instanceof SQLException s ? s.getSQLState()
                : error instanceof RedactedException r ? r.sqlState() : null;
    }

    private static int vendorCodeOf(Throwable error) {
        return error instanceof SQLException s ? s.getErrorCode()
                : error instanceof RedactedException r ? r.vendorCode() : 0;
    }

    /** {@code error} and its causes, each once, even when the chain loops back on itself. */
    private static List<Throwable> causeChain(Throwable error) {
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
    public String sql() {
        return sql;
    }

    /** The five-character SQL state, or {@code null} when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** The driver's own error code, 0 when none. */
    public int vendorCode() {
        return vendorCode;
    }

    /** Whether a retry after a reset may succeed. */
    public boolean isTransient() {
        return isTransient;
    }
}
