package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception ConnectionKit throws. Unchecked, so that data-app code reads like
 * the Python it replaces; catch it where a connection problem should be handled.
 *
 * <p>Messages never contain secret values: our own name keys and places, and a driver's error
 * becomes a cause only after {@link ConnectionConfig#redact(Throwable)} has masked it. Whether the
 * failure is {@linkplain #isTransient() transient} is read from the original, before masking.
 */
public class ConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean isTransient;

    public ConnectionException(String message) {
        this(message, null, false);
    }

    /**
     * A failure that is transient when {@code cause} is, as {@link QueryException#isTransient(Throwable)}
     * tells: give the cause as it was thrown. A redacted copy carries no SQL state, so after
     * {@link ConnectionConfig#redact(Throwable)} use {@link #ConnectionException(String, Throwable, boolean)}
     * with the transience read from the original.
     */
    public ConnectionException(String message, @Nullable Throwable cause) {
        this(message, cause, QueryException.isTransient(cause));
    }

    /**
     * @param message     what went wrong, without secrets
     * @param cause       the failure behind it, already {@linkplain ConnectionConfig#redact(Throwable) redacted}
     * @param isTransient whether retrying after a {@link BaseConnection#reset()} may succeed, as
     *                    read from the original failure before it was redacted
     */
    public ConnectionException(String message, @Nullable Throwable cause, boolean isTransient) {
        super(message, cause);
        this.isTransient = isTransient;
    }

    /**
     * Whether a retry after a {@link BaseConnection#reset()} may succeed: a lost connection, as
     * opposed to bad configuration, a syntax error or a constraint violation that would fail again.
     */
    public boolean isTransient() {
        return isTransient;
    }
}
