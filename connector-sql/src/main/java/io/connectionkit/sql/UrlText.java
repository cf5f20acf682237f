package io.connectionkit.sql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The small pieces of URL text every reader of {@link SqlUrl} and {@link JdbcUrl} shares. */
final class UrlText {

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    /** A URL scheme, as RFC 3986 writes one, with {@code _} too: {@code postgresql+psycopg2}, {@code jdbc}. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+._-]*");

    private UrlText() {
    }

    /** Whether {@code text} is a URL scheme, such as {@code postgresql+psycopg2} or {@code jdbc}. */
    static boolean isScheme(String text) {
        return SCHEME.matcher(text).matches();
    }

    /** The index of the {@code :} that ends the scheme {@code text} starts with, or -1 if it starts with none. */
    static int schemeEnd(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && isScheme(text.substring(0, colon)) ? colon : -1;
    }

    /**
     * The index after the {@code }} that closes a brace opened before {@code from}, where {@code }}}
     * is a brace inside it (SQL Server's {@code {a;b}}c}}); -1 if it is never closed.
     */
    static int closingBrace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '}') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '}') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** Whether {@code text} is a port number, 1 to 65535. */
    static boolean isPort(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535;
    }

    /** %-escaped as in a URI, a space as {@code %20}: SQLite reads a {@code +} as a plus. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Percent-decoding as in a URL path: a {@code +} stays a plus.
     *
     * @throws SqlUrl.Invalid for a malformed escape
     */
    static String decode(String text) {
        return text == null ? null : decodeForm(text.replace("+", "%2B"));
    }

    /**
     * Percent-decoding as in a form, a {@code +} a space, as {@link URLDecoder} and the drivers that
     * use it (pgjdbc, MySQL's Connector/J) read URL parameters.
     *
     * @throws SqlUrl.Invalid for a malformed escape
     */
    static String decodeForm(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SqlUrl.Invalid("has a malformed %-escape", "Write a % as %25, and each escape as % and two hex digits");
        }
    }

    /** {@link #decodeForm}, or the text as written when it has a malformed escape. */
    static String decodeFormLeniently(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** {@link #decode}, or the text as written when it has a malformed escape. */
    static String decodeLeniently(String text) {
        return decodeFormLeniently(text.replace("+", "%2B"));
    }

    /**
     * A value written for SQL Server's URL as mssql-jdbc reads it: {@code {a;b}}c}} is {@code a;b}c}
     * ({@code }}} is a brace), and a value not in braces is trimmed ({@code ;password = x ;} is {@code x}).
     */
    static String sqlServerValue(String value) {
        String text = value.strip();
        return text.length() >= 2 && text.startsWith("{") && text.endsWith("}")
                ? text.substring(1, text.length() - 1).replace("}}", "}") : text;
    }

    /** Oracle's {@code "pa@ss"} is {@code pa@ss}. */
    static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** A database path fit to show: up to anything that reads as a setting. */
    static String pathShown(String path) {
        return path.substring(0, indexOfAny(path, 0, ";?#&=:@"));
    }

    /** The first index at or after {@code from} of any of {@code chars}, or the text's length. */
    static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
