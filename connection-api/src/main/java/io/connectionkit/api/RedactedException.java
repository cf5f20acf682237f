package io.connectionkit.api;

/**
 * Stands in for an exception whose message contained a secret: same message with the secrets
 * masked, same stack trace, and the original class named in {@link #toString()}.
 */
final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    RedactedException(String originalClass, String maskedMessage, Throwable maskedCause) {
        super(maskedMessage, maskedCause);
        this.originalClass = originalClass;
    }

    /** The class of the exception this one stands in for. */
    String originalClass() {
        return originalClass;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message + " [secrets masked]";
    }
}
