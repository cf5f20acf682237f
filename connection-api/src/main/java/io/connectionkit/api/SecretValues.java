package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secret values of one connection's configuration, and the one way they are kept out of text.
 *
 * <p>A value is secret because of where it is, never because of how it looks: it is the value of
 * a sensitive key ({@link #isSensitiveKey}: the names below, and those a provider declares; a table
 * or list under such a key is secret whole), or a value the connector finds inside its own
 * configuration ({@link ConnectionProvider#secretsIn}), such as the password in a URL. Masking is
 * exact: each secret, however short, is replaced by {@code ****}, and where it is part of a longer
 * word the whole word goes with it ({@code jdbc:postgresql:} with the password {@code postgres}
 * reads {@code jdbc:****:}, not {@code jdbc:****ql:}). Text that holds no secret is returned as it
 * was. It is applied where foreign text becomes ours (a driver's message, an exception chain, a
 * configuration shown); our own messages name keys and places and never hold a value.
 */
final class SecretValues {

    static final String MASK = "****";

    static final SecretValues NONE = new SecretValues(List.of());

    private static final Set<String> SENSITIVE = Set.of("password", "token", "private_key",
            "private_key_passphrase", "passcode", "secret", "client_secret");

    /** The endings drivers and services give their secrets: sslpassword, PWD, accessToken, aws_secret_access_key, ... */
    private static final List<String> SENSITIVE_ENDINGS = List.of("token", "password", "passwd", "pwd", "secret",
            "secret_key", "secret_access_key", "api_key", "apikey", "passphrase");

    /** Rounds of masking before a text that keeps spelling a secret (crafted so) is masked whole. */
    private static final int ROUNDS = 4;

    /** Longest first, so that a secret that contains another is found whole. */
    private final List<String> secrets;

    private SecretValues(List<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * The secrets among {@code values}. An empty value hides nothing, and one made of asterisks
     * alone could not be told from the mask, so both are left out.
     */
    static SecretValues of(Collection<String> values) {
        List<String> secrets = values.stream().filter(s -> !s.chars().allMatch(c -> c == '*')).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return secrets.isEmpty() ? NONE : new SecretValues(secrets);
    }

    /** The secrets, longest first. */
    Set<String> values() {
        return new LinkedHashSet<>(secrets);
    }

    /** Whether {@code key}, in any case, names a secret: one of the names above, or one of {@code extra} (lower case). */
    static boolean isSensitiveKey(String key, Set<String> extra) {
        String k = key.toLowerCase(Locale.ROOT);
        return SENSITIVE.contains(k) || extra.contains(k) || SENSITIVE_ENDINGS.stream().anyMatch(k::endsWith);
    }

    /** {@code text} with every secret masked; the very same string when it holds none. */
    @Nullable String mask(@Nullable String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        // A mask next to the rest of the text can spell a secret again ("*-" in "*--" leaves "****-"):
        // mask again until none is left, and mask the whole text of one that keeps spelling it.
        String masked = text;
        for (int round = 0; round < ROUNDS; round++) {
            String next = maskOnce(masked);
            if (next == masked) {
                return masked;
            }
            masked = next;
        }
        return maskOnce(masked) == masked ? masked : MASK;
    }

    private String maskOnce(String text) {
        boolean[] hidden = null;
        for (String secret : secrets) {
            boolean wordStart = Character.isLetterOrDigit(secret.charAt(0));
            boolean wordEnd = Character.isLetterOrDigit(secret.charAt(secret.length() - 1));
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                int start = at;
                int end = at + secret.length();
                // Inside a longer word the whole word goes, as the rest of it would give the secret away.
                while (wordStart && start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
                    start--;
                }
                while (wordEnd && end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                if (hidden == null) {
                    hidden = new boolean[text.length()];
                }
                Arrays.fill(hidden, start, end, true);
            }
        }
        if (hidden == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    /**
     * {@code error} itself when no message or {@code toString()} in its chain (causes, suppressed
     * exceptions and an {@link SQLException}'s next ones) shows a secret; otherwise a copy of the
     * chain with every message masked, each copy keeping the stack trace and naming the original
     * class, next exceptions among its suppressed ones. A {@link ConnectionConfigException} stays
     * one, so that callers can still tell bad configuration from a failure to connect.
     */
    @Nullable Throwable redact(@Nullable Throwable error) {
        if (error == null || secrets.isEmpty() || !shows(error, identitySet())) {
            return error;
        }
        return copy(error, identitySet());
    }

    private static Set<Throwable> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private boolean shows(Throwable error, Set<Throwable> seen) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (showsItself(t)) {
                return true;
            }
            for (Throwable other : alongside(t)) {
                if (shows(other, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code toString()} where it shows more than {@link Throwable}'s own (the class name, which is
     * code, and the message, checked on its own), or {@code null}.
     */
    private static @Nullable String customToString(Throwable t) {
        String shown = t.toString();
        if (t instanceof Masked m) {
            return shown.substring(m.originalClass().length()); // masked already
        }
        String message = t.getLocalizedMessage();
        String name = t.getClass().getName();
        return shown == null || shown.equals(message == null ? name : name + ": " + message) ? null : shown;
    }

    /** Whether the message or {@code toString()} of {@code t} shows a secret; one that cannot be read is not trusted. */
    private boolean showsItself(Throwable t) {
        try {
            return changes(t.getMessage()) || changes(t.getLocalizedMessage()) || changes(customToString(t));
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    /** The message of {@code t}, or a note that it could not be read. */
    private static @Nullable String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException unreadable) {
            return "(its message could not be read: " + unreadable.getClass().getName() + ")";
        }
    }

    private boolean changes(@Nullable String text) {
        return text != null && mask(text) != text;
    }

    private @Nullable Throwable copy(@Nullable Throwable error, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return null; // the end of the chain, or where it loops back
        }
        String originalClass = error instanceof Masked m ? m.originalClass() : error.getClass().getName();
        String message = mask(messageOf(error));
        // Shown as the original would be, with a note, which is masked too in case a short secret spells part of it.
        String shown = message == null ? originalClass : originalClass + mask(": " + message + " [secrets masked]");
        Throwable cause = copy(error.getCause(), seen);
        Throwable copy = error instanceof ConnectionConfigException
                ? new MaskedConfigException(originalClass, shown, message, cause)
                : new MaskedException(originalClass, shown, message, cause);
        copy.setStackTrace(error.getStackTrace());
        for (Throwable other : alongside(error)) {
            Throwable masked = copy(other, seen);
            if (masked != null) {
                copy.addSuppressed(masked);
            }
        }
        return copy;
    }

    /** The exceptions that travel with {@code t} beside its cause: suppressed ones, and an SQLException's next ones. */
    private static List<Throwable> alongside(Throwable t) {
        List<Throwable> others = new ArrayList<>(List.of(t.getSuppressed()));
        if (t instanceof SQLException sql) {
            for (SQLException next = sql.getNextException(); next != null && !others.contains(next);
                    next = next.getNextException()) {
                others.add(next);
            }
        }
        return others;
    }

    /** A copy made by {@link #redact}: it names the class of the exception it stands for. */
    private interface Masked {
        String originalClass();
    }

    /** Stands in for an exception whose text showed a secret. */
    private static final class MaskedException extends RuntimeException implements Masked {
        private static final long serialVersionUID = 1L;
        private final String originalClass;
        private final String shown;

        MaskedException(String originalClass, String shown, @Nullable String message, @Nullable Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
            this.shown = shown;
        }

        @Override
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    /** Stands in for a {@link ConnectionConfigException} (or a connector's subclass of it) whose text showed a secret. */
    private static final class MaskedConfigException extends ConnectionConfigException implements Masked {
        private static final long serialVersionUID = 1L;
        private final String originalClass;
        private final String shown;

        MaskedConfigException(String originalClass, String shown, @Nullable String message,
                              @Nullable Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
            this.shown = shown;
        }

        @Override
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
