package io.connectionkit.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which keys hold secrets, and how to find secrets written inside URLs. */
record SensitiveKeys(Set<String> extra) {

    static final String MASK = "****";

    private static final Set<String> ALWAYS = Set.of("password", "token", "private_key",
            "private_key_passphrase", "passcode", "secret", "client_secret");

    /** {@code scheme://user:password@host}: the password group. */
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^/@:\\s]*:([^@/\\s]+)@");

    /** {@code password=…} and the like inside JDBC URLs and connection strings. */
    private static final Pattern URL_PARAMETER = Pattern.compile(
            "(?i)[?&;:]\\s*(?:password|pwd|passcode|token|secret|private_key_passphrase)\\s*=\\s*([^&;\\s]+)");

    static SensitiveKeys of(Set<String> extra) {
        return new SensitiveKeys(Set.copyOf(extra));
    }

    boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return ALWAYS.contains(k) || k.endsWith("_password") || k.endsWith("_token") || extra.contains(k);
    }

    /** Secrets that a plain string value (a URL, a connection string) carries inside it. */
    static void embeddedSecrets(String value, java.util.Collection<String> into) {
        for (Pattern pattern : new Pattern[] {URL_PASSWORD, URL_PARAMETER}) {
            Matcher m = pattern.matcher(value);
            while (m.find()) {
                into.add(m.group(1));
            }
        }
    }

    /** {@code value} with the secrets inside it masked. */
    static String maskEmbedded(String value) {
        String masked = value;
        java.util.List<String> secrets = new java.util.ArrayList<>();
        embeddedSecrets(value, secrets);
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
