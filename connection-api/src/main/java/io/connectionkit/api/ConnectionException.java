package io.connectionkit.api;

/**
 * The root of every exception ConnectionKit throws. Unchecked, so that data-app code reads like
 * the Python it replaces; catch it where a connection problem should be handled.
 *
 * <p>Messages must never contain secret values: {@link BaseConnection} attaches a connector's
 * exception as the cause only after {@link ConnectionConfig#redact(Throwable)} has masked the
 * secrets in it, and connectors do the same for the driver errors they wrap.
 */
public class ConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
