package io.connectionkit.cli;

/** A failure the tool puts in words itself, with the exit code it ends with (1, or 2 for usage). */
final class ToolException extends RuntimeException {

    private final int exitCode;

    ToolException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    static ToolException usage(String message) {
        return new ToolException(message, 2);
    }

    static ToolException failed(String message) {
        return new ToolException(message, 1);
    }

    int exitCode() {
        return exitCode;
    }
}
