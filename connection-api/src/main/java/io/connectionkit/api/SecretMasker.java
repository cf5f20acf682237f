package io.connectionkit.api;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Replaces the secret values of one configuration, and passwords written inside any URL, with
 * {@code ****}: in text, and in the messages of an exception chain.
 */
final class SecretMasker {

    /** Longest first, so that a secret that contains another is masked whole. */
    private final List<String> secrets;

    SecretMasker(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = replaceWhole(masked, secret);
        }
        return SensitiveKeys.maskEmbedded(masked);
    }

    /**
     * {@code text} with each {@code secret} replaced by {@code ****}; where it is part of a longer
     * word, the whole word goes with it. Masking the secret alone there would give it away
     * ({@code postgres} in {@code jdbc:postgresql:} would read {@code jdbc:****ql:}), and leaving
     * it would show it.
     */
    private static String replaceWhole(String text, String secret) {
        int at = text.indexOf(secret);
        if (at < 0) {
            return text;
        }
        boolean wordStart = Character.isLetterOrDigit(secret.charAt(0));
        boolean wordEnd = Character.isLetterOrDigit(secret.charAt(secret.length() - 1));
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            int start = at;
            int end = at + secret.length();
            if (wordStart && start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))
                    || wordEnd && end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                while (start > from && Character.isLetterOrDigit(text.charAt(start - 1))) {
                    start--;
                }
                while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
            }
            out.append(text, from, start).append(SensitiveKeys.MASK);
            from = end;
            at = text.indexOf(secret, from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** See {@link ConnectionConfig#redact(Throwable)}. */
    Throwable redact(Throwable error) {
        if (error == null || !leaks(error, identitySet())) {
            return error;
        }
        return copy(error, identitySet());
    }

    private static Set<Throwable> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Whether a message or a {@code toString()} in the chain, or in a suppressed exception, shows a secret. */
    private boolean leaks(Throwable error, Set<Throwable> seen) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (changedByMask(t.getMessage()) || changedByMask(t.toString())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (leaks(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean changedByMask(String text) {
        return text != null && !text.equals(mask(text));
    }

    private Throwable copy(Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return null;
        }
        // A configuration error stays one, so that callers still tell it from a failure to connect.
        Throwable copy = error instanceof ConnectionConfigException config
                ? new RedactedConfigException(config, mask(error.getMessage()), copy(error.getCause(), seen))
                : new RedactedException(error, mask(error.getMessage()), copy(error.getCause(), seen));
        copy.setStackTrace(error.getStackTrace());
        for (Throwable suppressed : error.getSuppressed()) {
            Throwable masked = copy(suppressed, seen);
            if (masked != null) {
                copy.addSuppressed(masked);
            }
        }
        return copy;
    }
}
