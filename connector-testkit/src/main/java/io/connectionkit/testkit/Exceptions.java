package io.connectionkit.testkit;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Renders an exception chain, causes and suppressed ones, as text to search for secrets. */
final class Exceptions {

    private Exceptions() {
    }

    /** {@code error}'s chain as {@code toString()} of each, one a line. */
    static String text(Throwable error) {
        StringBuilder text = new StringBuilder();
        appendChain(text, error);
        return text.toString();
    }

    static void appendChain(StringBuilder text, Throwable error) {
        append(text, error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void append(StringBuilder text, Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return;
        }
        text.append(System.lineSeparator()).append(error).append(" | ").append(error.getMessage());
        for (Throwable suppressed : error.getSuppressed()) {
            append(text, suppressed, seen);
        }
        append(text, error.getCause(), seen);
    }
}
