package io.connectionkit.api;

/**
 * Stands in for a {@link ConnectionConfigException} whose message contained a secret: still a
 * configuration error to its callers, with the secrets masked, the same stack trace, and the
 * original class (a connector's own subclass, say) named in {@link #toString()}.
 */
final class RedactedConfigException extends ConnectionConfigException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    RedactedConfigException(ConnectionConfigException original, String maskedMessage, Throwable maskedCause) {
        super(maskedMessage, maskedCause);
        originalClass = original instanceof RedactedConfigException r ? r.originalClass : original.getClass().getName();
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message + " [secrets masked]";
    }
}
