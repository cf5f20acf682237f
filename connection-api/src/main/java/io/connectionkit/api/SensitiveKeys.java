package io.connectionkit.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which keys hold secrets, and how to find secrets written inside URLs.
 *
 * @param extra lower-case keys to mask beyond the ones always masked
 */
record SensitiveKeys(Set<String> extra) {

    static final String MASK = "****";

    private static final Set<String> ALWAYS = Set.of("password", "token", "private_key",
            "private_key_passphrase", "passcode", "secret", "client_secret");

    /**
     * {@code scheme://user:password@host}: the password group, which may hold {@code /} and
     * {@code :} but not {@code ? # ;} or a space, so that {@code host:5432/db?user=app@server} is
     * no password; bounded and possessive, as a long text without spaces would otherwise take
     * minutes of backtracking.
     */
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^/@:\\s]*:([^@\\s?#;]{1,512}+)@");

    private static final String SECRET_NAME = "[\\w.-]*(?:password|pwd|passcode|token|secret|passphrase)";

    /**
     * {@code password=…}, {@code sslpassword=…} and the like inside JDBC URLs and connection strings;
     * a SQL Server value in braces whole, as it may hold {@code ;} (two closing braces are an escaped
     * one; an unclosed brace runs to the end).
     */
    private static final Pattern URL_PARAMETER = Pattern.compile(
            "(?i)[?&:]\\s*" + SECRET_NAME + "\\s*=\\s*(\\{(?:[^}]|}})*+(?:}|$)|[^&;\\s]+)");

    /** The same after a {@code ;}, as SQL Server and H2 write their settings: there a value may hold {@code &}. */
    private static final Pattern SEMICOLON_PARAMETER = Pattern.compile(
            "(?i);\\s*" + SECRET_NAME + "\\s*=\\s*(\\{(?:[^}]|}})*+(?:}|$)|[^;\\s]+)");

    /** MySQL Connector/J's host lists: {@code (host=h,password=p)} and {@code address=(password=p)}. */
    private static final Pattern LIST_PARAMETER = Pattern.compile("(?i)[(,]\\s*" + SECRET_NAME + "\\s*=\\s*([^,)\\s]+)");

    /** Oracle's URLs: {@code jdbc:oracle:thin:user/password@host}, the password maybe in double quotes. */
    private static final Pattern ORACLE_PASSWORD = Pattern.compile(
            "(?i):(?:thin|oci8?):[^/@:\\s]{1,512}+/(\"[^\"]*\"|[^@\\s]{1,512}+)@");

    /**
     * A value masked before, with the prose that followed it ({@code password=****.}): left as it is,
     * so that masking twice changes nothing and masked text is not taken for a leak.
     */
    private static final Pattern ALREADY_MASKED = Pattern.compile("\\*{4}\\p{Punct}*");

    private static final Pattern[] EMBEDDED = {URL_PASSWORD, URL_PARAMETER, SEMICOLON_PARAMETER, LIST_PARAMETER,
            ORACLE_PASSWORD};

    /**
     * The same, for a configuration value that is a URL rather than prose: there a password may
     * also hold spaces, as drivers and the SQL connector's URL parser take them. The secrets found
     * so are then masked wherever they show, while prose is masked with the patterns above, which
     * stop at a space so as not to swallow the words that follow.
     */
    private static final Pattern[] IN_VALUE = {
            Pattern.compile("://[^/@:\\s]*:([^@?#;]{1,512}+)@"),
            Pattern.compile("(?i)[?&:]\\s*" + SECRET_NAME + "\\s*=\\s*(\\{(?:[^}]|}})*+(?:}|$)|[^&;]+)"),
            Pattern.compile("(?i);\\s*" + SECRET_NAME + "\\s*=\\s*(\\{(?:[^}]|}})*+(?:}|$)|[^;]+)"),
            LIST_PARAMETER,
            Pattern.compile("(?i):(?:thin|oci8?):[^/@:\\s]{1,512}+/(\"[^\"]*\"|[^@]{1,512}+)@")};

    SensitiveKeys {
        extra = Set.copyOf(extra);
    }

    boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        // Beyond the names every connector shares, the spellings drivers and services use: sslpassword,
        // PWD, aws_secret_access_key, api_key, ...
        return ALWAYS.contains(k) || k.endsWith("_token") || extra.contains(k) || k.endsWith("password")
                || k.endsWith("passwd") || k.endsWith("pwd") || k.endsWith("secret") || k.endsWith("secret_key")
                || k.endsWith("secret_access_key") || k.endsWith("api_key") || k.endsWith("apikey");
    }

    /** Adds the secrets that a plain string value (a URL, a connection string) carries inside it. */
    static void embeddedSecrets(String value, Collection<String> into) {
        for (Pattern pattern : IN_VALUE) {
            Matcher m = pattern.matcher(value);
            while (m.find()) {
                into.add(m.group(1));
                into.add(decoded(m.group(1))); // what the driver is given, and may quote back
                into.add(unquoted(m.group(1)));
            }
        }
    }

    /** The value inside SQL Server's braces or Oracle's double quotes: what the database sees. */
    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("{") && value.endsWith("}")) {
            return value.substring(1, value.length() - 1).replace("}}", "}");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String decoded(String encoded) {
        try {
            return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return encoded;
        }
    }

    /** {@code value} with the secrets inside its URLs masked, and nothing else changed. */
    static String maskEmbedded(String value) {
        String masked = value;
        for (Pattern pattern : EMBEDDED) {
            masked = pattern.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(
                    ALREADY_MASKED.matcher(match.group(1)).matches() ? match.group()
                            : match.group().substring(0, match.start(1) - match.start()) + MASK
                            + match.group().substring(match.end(1) - match.start())));
        }
        return masked;
    }
}
