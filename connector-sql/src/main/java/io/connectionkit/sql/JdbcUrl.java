package io.connectionkit.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@code jdbc:} URL taken apart by its driver's syntax, so that no password travels to a driver
 * inside a URL, where drivers log it (pgjdbc logs its URL at DEBUG). The syntaxes known are those
 * of PostgreSQL, MySQL, MariaDB and SQL Server ({@link ServerUrls}), H2, SQLite and DuckDB
 * ({@link EmbeddedUrls}) and Oracle ({@link OracleUrl}). A URL of any other subprotocol is passed
 * as written, its secrets still found, as well as can be, by the generic {@code //user:password@},
 * {@code ?key=value&...} and {@code ;key=value} structure.
 *
 * @param url            what the driver gets: without its passwords and secret-named settings
 *                       when its syntax is known, else as written
 * @param location       where it leads, for messages and logs: scheme, hosts, ports and database,
 *                       never user info, parameters or settings; {@code jdbc:<subprotocol>:…} when
 *                       it cannot be told
 * @param moved          what was taken out of the URL, by driver property name, as its driver would
 *                       have read it there (decoded, unbraced, unquoted); contains secrets
 * @param secrets        every secret value found, as written in the URL and as its driver reads it
 * @param credentialLeft whether a URL passed as written carries what looks like a password (user
 *                       info with one, or a parameter whose name is secret)
 */
record JdbcUrl(String url, String location, Map<String, String> moved, Set<String> secrets, boolean credentialLeft) {

    JdbcUrl {
        moved = Collections.unmodifiableMap(new LinkedHashMap<>(moved));
        secrets = Collections.unmodifiableSet(new LinkedHashSet<>(secrets));
    }

    /** What a reader of a known syntax found: {@code location}, or {@code fallback…} when {@code null}. */
    static JdbcUrl of(String url, String location, String fallback, UrlSecrets secrets) {
        return new JdbcUrl(url, location != null ? location : fallback + "…", secrets.moved(), secrets.secrets(), false);
    }

    /**
     * Takes {@code url} apart; it starts with {@code jdbc:}, in any case.
     *
     * @param secretName whether a parameter or setting of that name holds a secret: the
     *                   configuration's rule, {@link io.connectionkit.api.ConnectionConfig#isSensitive}
     * @throws SqlUrl.Invalid when the URL is of a known syntax but cannot be read by it (a port that
     *         is not a number, a brace never closed, two hosts with different passwords): its driver
     *         would refuse it too, and a password may hide where it is not expected
     */
    static JdbcUrl read(String url, Predicate<String> secretName) {
        UrlSecrets secrets = new UrlSecrets(secretName);
        String afterJdbc = url.substring(5);
        int colon = afterJdbc.indexOf(':');
        if (colon < 0) {
            return generic(url, afterJdbc, secrets);
        }
        String subprotocol = afterJdbc.substring(0, colon);
        String prefix = url.substring(0, 5 + colon + 1);
        String rest = afterJdbc.substring(colon + 1);
        return switch (subprotocol.toLowerCase(Locale.ROOT)) {
            case "postgresql" -> ServerUrls.queryStyle("postgresql", prefix, rest, secrets);
            // MariaDB's driver serves jdbc:mysql: URLs that say permitMysqlScheme, and reads them as its own.
            case "mysql" -> ServerUrls.queryStyle(url.startsWith("jdbc:mysql:") && url.contains("permitMysqlScheme")
                    ? "mariadb" : "mysql", prefix, rest, secrets);
            case "mysql+srv" -> ServerUrls.queryStyle("mysql", prefix, rest, secrets);
            case "mariadb" -> ServerUrls.queryStyle("mariadb", prefix, rest, secrets);
            case "sqlserver" -> ServerUrls.sqlServer(prefix, rest, secrets);
            case "oracle" -> OracleUrl.read(prefix, rest, secrets);
            case "h2" -> EmbeddedUrls.h2(prefix, rest, secrets);
            case "sqlite" -> EmbeddedUrls.sqlite(prefix, rest, secrets);
            case "duckdb" -> EmbeddedUrls.duckdb(prefix, rest, secrets);
            default -> generic(url, subprotocol, secrets);
        };
    }

    /**
     * Where {@code url}, a {@code jdbc:} URL, leads, as {@link #location}; never fails. Where a URL
     * leads does not depend on which names are secret: it is read as if none were.
     */
    static String location(String url) {
        String afterJdbc = url.substring(5);
        int colon = afterJdbc.indexOf(':');
        String fallback = url.substring(0, 5) + (colon < 0 ? afterJdbc : afterJdbc.substring(0, colon)) + ":…";
        try {
            return read(url, name -> false).location();
        } catch (RuntimeException e) { // SqlUrl.Invalid, or a form no reader expected
            return fallback;
        }
    }

    /**
     * A URL of a syntax the connector does not know, kept as written: its secrets are found by the
     * generic structure, and it says where it leads only when it has the form
     * {@code jdbc:sub[:sub]://host:port/path}.
     */
    private static JdbcUrl generic(String url, String subprotocol, UrlSecrets secrets) {
        String location = "jdbc:" + subprotocol + ":…";
        int params = Math.min(url.length(), 5 + subprotocol.length() + 1);
        boolean credential = false;
        int slashes = url.indexOf("://");
        if (slashes > 0 && Arrays.stream(url.substring(0, slashes).split(":", -1)).allMatch(UrlText::isScheme)) {
            int start = slashes + 3;
            int end = UrlText.indexOfAny(url, start, "/?#;");
            String authority = url.substring(start, end);
            int at = authority.lastIndexOf('@');
            credential = userInfoPassword(authority, secrets);
            String shown = HostList.location(authority.substring(at + 1));
            if (shown != null) {
                location = url.substring(0, start) + shown + UrlText.pathShown(url.substring(end));
            }
            params = end;
        }
        credential |= genericParameters(url, params, secrets);
        return new JdbcUrl(url, location, Map.of(), secrets.secrets(), credential);
    }

    /**
     * The secrets of any URL-like {@code text} (a URL of a form no reader knows, or one a reader
     * refused), as well as the generic structure finds them; never fails.
     */
    static Set<String> secretsAnywhere(String text, Predicate<String> secretName) {
        UrlSecrets secrets = new UrlSecrets(secretName);
        try {
            int slashes = text.indexOf("://");
            if (slashes >= 0) {
                userInfoPassword(text.substring(slashes + 3, UrlText.indexOfAny(text, slashes + 3, "/?#;")), secrets);
            }
            genericParameters(text, 0, secrets);
        } catch (RuntimeException e) {
            // best effort: what was found so far
        }
        return secrets.secrets();
    }

    /** Notes the password of {@code authority}'s user info, up to its last {@code @}; returns whether there was one. */
    private static boolean userInfoPassword(String authority, UrlSecrets secrets) {
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.substring(0, at).indexOf(':');
        if (colon < 0) {
            return false;
        }
        String password = authority.substring(colon + 1, at);
        secrets.keep(password, UrlText.decodeLeniently(password));
        secrets.keep(password, UrlText.decodeFormLeniently(password));
        return !password.isEmpty();
    }

    /**
     * Notes in {@code secrets} the values of the {@code key=value} settings after a {@code ?},
     * {@code &}, {@code ;} or {@code :} from {@code from} on whose name is secret, a value in
     * braces whole; returns whether there was one.
     */
    private static boolean genericParameters(String url, int from, UrlSecrets secrets) {
        boolean found = false;
        int i = UrlText.indexOfAny(url, from, "?&;:");
        while (i < url.length()) {
            int keyEnd = UrlText.indexOfAny(url, i + 1, "=?&;:");
            if (keyEnd >= url.length() || url.charAt(keyEnd) != '=') {
                i = keyEnd;
                continue;
            }
            String key = url.substring(i + 1, keyEnd).strip();
            int valueStart = keyEnd + 1;
            int valueEnd;
            if (url.startsWith("{", valueStart)) {
                int close = UrlText.closingBrace(url, valueStart + 1);
                valueEnd = close < 0 ? url.length() : close;
            } else {
                valueEnd = UrlText.indexOfAny(url, valueStart, "&;");
            }
            if (secrets.isSecret(key)) {
                String value = url.substring(valueStart, valueEnd);
                found |= !value.isEmpty();
                secrets.keep(value, UrlText.decodeFormLeniently(value));
                secrets.keep(value, UrlText.sqlServerValue(value));
            }
            i = UrlText.indexOfAny(url, valueEnd, "?&;:");
        }
        return found;
    }

    /** Never shows {@link #moved}'s values nor {@link #secrets}. */
    @Override
    public String toString() {
        return "JdbcUrl[" + location + ", moved=" + moved.keySet() + ", credentialLeft=" + credentialLeft + "]";
    }
}
