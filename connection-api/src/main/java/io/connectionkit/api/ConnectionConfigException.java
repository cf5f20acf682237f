package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

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

    /** Never {@linkplain #isTransient() transient}: the same configuration would fail again. */
    public ConnectionConfigException(String message, @Nullable Throwable cause) {
        super(message, cause, false);
    }
}
