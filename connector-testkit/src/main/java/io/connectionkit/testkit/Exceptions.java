package io.connectionkit.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
        for (Throwable t : chain(error)) {
            text.append(System.lineSeparator()).append(t).append(" | ").append(t.getMessage());
        }
    }

    /** The first exception of {@code error}'s chain that is, the same object, also in {@code other}'s; {@code null} if none. */
    static Throwable sharedWith(Throwable error, Throwable other) {
        Set<Throwable> others = Collections.newSetFromMap(new IdentityHashMap<>());
        others.addAll(chain(other));
        return chain(error).stream().filter(others::contains).findFirst().orElse(null);
    }

    /** {@code error}, then its suppressed exceptions and its cause with theirs, each once. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        add(chain, error, Collections.newSetFromMap(new IdentityHashMap<>()));
        return chain;
    }

    private static void add(List<Throwable> chain, Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return;
        }
        chain.add(error);
        for (Throwable suppressed : error.getSuppressed()) {
            add(chain, suppressed, seen);
        }
        add(chain, error.getCause(), seen);
    }
}
