package io.connectionkit.api;

/**
 * Configuration that is missing, malformed or of the wrong type: a secrets file that is not
 * valid TOML, a missing required key, a value of the wrong type, an unset {@code env:}
 * variable. The message names the key and where it came from ({@code file:line}).
 */
public class ConnectionConfigException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionConfigException(String message) {
        super(message);
    }

    public ConnectionConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
