package io.connectionkit.api;

import java.sql.SQLException;

/**
 * Stands in for an exception whose message contained a secret: same message with the secrets
 * masked, same stack trace, and the original class named in {@link #toString()}. It keeps what
 * {@link QueryException#of} reads from an original {@link SQLException}, SQL state, vendor code
 * and whether its class is transient, as none of them is secret.
 */
final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;
    private final boolean sqlError;
    private final String sqlState;
    private final int vendorCode;
    private final boolean transientClass;

    RedactedException(Throwable original, String maskedMessage, Throwable maskedCause) {
        super(maskedMessage, maskedCause);
        if (original instanceof RedactedException r) {
            originalClass = r.originalClass;
            sqlError = r.sqlError;
            sqlState = r.sqlState;
            vendorCode = r.vendorCode;
            transientClass = r.transientClass;
        } else {
            originalClass = original.getClass().getName();
            sqlError = original instanceof SQLException;
            sqlState = original instanceof SQLException s ? s.getSQLState() : null;
            vendorCode = original instanceof SQLException s ? s.getErrorCode() : 0;
            transientClass = QueryException.isTransientClass(original);
        }
    }

    /** Whether it stands in for a {@link SQLException}. */
    boolean sqlError() {
        return sqlError;
    }

    /** The original's SQL state, or {@code null}. */
    String sqlState() {
        return sqlState;
    }

    /** The original's vendor code, or 0. */
    int vendorCode() {
        return vendorCode;
    }

    /** Whether the original's class is one {@link QueryException#isTransient(Throwable)} retries. */
    boolean transientClass() {
        return transientClass;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message + " [secrets masked]";
    }
}
