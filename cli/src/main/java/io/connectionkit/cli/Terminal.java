package io.connectionkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, where a spinner helps; elsewhere it would only fill a log. */
final class Terminal {

    private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /**
     * On Linux, what standard error leads to ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere,
     * whether the JVM has a console (standard input and output are a terminal), the best Java 17
     * can tell.
     */
    static boolean errorIsTerminal() {
        if (Files.exists(STANDARD_ERROR, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(STANDARD_ERROR).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
