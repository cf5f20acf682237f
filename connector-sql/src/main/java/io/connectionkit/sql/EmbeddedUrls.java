package io.connectionkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Takes apart the {@code jdbc:} URLs of the embedded databases, by their drivers' syntax, moving
 * every password and secret-named setting into driver properties:
 * <ul>
 *   <li>H2: {@code jdbc:h2:mem:name;KEY=value;...}, a {@code ;} in a value escaped as {@code \;};
 *       a {@code tcp://} or {@code ssl://} server's user info as for a server;</li>
 *   <li>SQLite: {@code jdbc:sqlite:path?key=value&...}: sqlite-jdbc reads a setting's name in
 *       any case and its value as written, and lets a property win over it;</li>
 *   <li>DuckDB: {@code jdbc:duckdb:path;key=value;...}, names and values trimmed, and for
 *       MotherDuck {@code md:database?motherduck_token=...}.</li>
 * </ul>
 * Where such a URL leads is its path up to the first {@code ?}, {@code #} or {@code ;}, shown only
 * when it is a plain path or name; the path may be anything else too, such as DuckLake's
 * {@code ducklake:postgres:dbname=x password=y}: a secret-named {@code key=value} written inside
 * it stays there, as the driver needs it, and is declared.
 */
final class EmbeddedUrls {

    /** A path or name fit to show: letters, digits, spaces and {@code . _ ~ / \ : + $ -}. */
    private static final Pattern PLAIN_PATH = Pattern.compile("[\\p{L}\\p{N}._~/\\\\:+$ -]*");

    private EmbeddedUrls() {
    }

    /** Reads {@code rest}, what follows {@code jdbc:h2:} ({@code prefix}). */
    static JdbcUrl h2(String prefix, String rest, UrlSecrets secrets) {
        int semicolon = rest.indexOf(';');
        String database = semicolon < 0 ? rest : rest.substring(0, semicolon);
        int question = database.indexOf('?');
        if (question >= 0 && database.indexOf('=', question) >= 0) {
            // H2 takes it for part of the name, and shows the name wherever it names the database.
            throw new SqlUrl.Invalid("has ?key=value after the database, which H2 takes for part of the database name",
                    "Write H2's settings after semicolons, such as jdbc:h2:mem:pets;USER=sa;PASSWORD=..., or give the"
                            + " user and password as username and password");
        }
        declareSecretsInPath(database, secrets);
        String kept = database;
        String shown = database;
        int slashes = database.indexOf("//");
        if (slashes > 0 && database.substring(0, slashes).matches("(?i)(tcp|ssl):")) {
            int end = UrlText.indexOfAny(database, slashes + 2, "/");
            HostList hosts = HostList.read(database.substring(slashes + 2, end), false, true, UrlText::decodeLeniently,
                    secrets);
            kept = database.substring(0, slashes + 2) + hosts.authority() + database.substring(end);
            shown = hosts.location() == null ? null
                    : database.substring(0, slashes + 2) + hosts.location() + database.substring(end);
        }
        StringBuilder url = new StringBuilder(prefix).append(kept);
        if (semicolon >= 0) {
            for (String setting : h2Settings(rest.substring(semicolon + 1))) {
                int eq = setting.indexOf('=');
                if (eq > 0 && secrets.isSecret(setting.substring(0, eq))) {
                    String value = setting.substring(eq + 1);
                    secrets.move(setting.substring(0, eq), value, value.replaceAll("\\\\(.)", "$1"));
                } else if (!setting.isEmpty()) {
                    url.append(';').append(setting);
                }
            }
        }
        return JdbcUrl.of(url.toString(), shown == null ? null : shown(prefix, shown), prefix, secrets);
    }

    /** H2's settings, split at each {@code ;} that no backslash escapes, still escaped. */
    private static List<String> h2Settings(String text) {
        List<String> settings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == ';') {
                settings.add(text.substring(start, i));
                start = i + 1;
            }
        }
        settings.add(text.substring(start));
        return settings;
    }

    /** Reads {@code rest}, what follows {@code jdbc:sqlite:} ({@code prefix}). */
    static JdbcUrl sqlite(String prefix, String rest, UrlSecrets secrets) {
        int question = rest.indexOf('?');
        String file = question < 0 ? rest : rest.substring(0, question);
        declareSecretsInPath(file, secrets);
        if (question < 0) {
            return JdbcUrl.of(prefix + rest, shown(prefix, file), prefix, secrets);
        }
        String kept = secrets.moveSecrets(rest.substring(question + 1), '&', key -> key.toLowerCase(Locale.ROOT),
                UnaryOperator.identity());
        return JdbcUrl.of(prefix + file + (kept.isEmpty() ? "" : "?" + kept), shown(prefix, file), prefix, secrets);
    }

    /** Reads {@code rest}, what follows {@code jdbc:duckdb:} ({@code prefix}). */
    static JdbcUrl duckdb(String prefix, String rest, UrlSecrets secrets) {
        String[] parts = rest.split(";", -1);
        String path = parts[0];
        int question = path.indexOf('?');
        String beforeQuestion = question < 0 ? path : path.substring(0, question);
        String strippedPath = path.strip().toLowerCase(Locale.ROOT);
        if (question >= 0 && (strippedPath.startsWith("md:") || strippedPath.startsWith("motherduck:"))) {
            String kept = secrets.moveSecrets(path.substring(question + 1), '&', UnaryOperator.identity(),
                    UnaryOperator.identity());
            path = beforeQuestion + (kept.isEmpty() ? "" : "?" + kept);
        }
        declareSecretsInPath(path, secrets);
        StringBuilder url = new StringBuilder(prefix).append(path);
        for (int i = 1; i < parts.length; i++) {
            String setting = parts[i];
            int eq = setting.indexOf('=');
            if (eq > 0 && secrets.isSecret(setting.substring(0, eq).strip())) {
                String value = setting.substring(eq + 1);
                secrets.move(setting.substring(0, eq).strip(), value, value.strip());
            } else {
                url.append(';').append(setting);
            }
        }
        return JdbcUrl.of(url.toString(), shown(prefix, path), prefix, secrets);
    }

    /** {@code prefix} and {@code path} up to its first {@code ?}, {@code #} or {@code ;}, or {@code null} if that is not plain. */
    private static String shown(String prefix, String path) {
        String head = path.substring(0, UrlText.indexOfAny(path, 0, "?#;")).strip();
        return PLAIN_PATH.matcher(head).matches() ? prefix + head : null;
    }

    /**
     * Declares the value of each secret-named {@code key=value} written inside {@code path},
     * separated by spaces, {@code &}, {@code ;}, {@code ?} or {@code #}; as in libpq's connection
     * strings (DuckLake's {@code postgres:...}), spaces may stand around the {@code =}, and a value
     * in single quotes runs to its closing quote, {@code \'} a quote inside it. They stay in the path.
     */
    private static void declareSecretsInPath(String path, UrlSecrets secrets) {
        int n = path.length();
        int i = 0;
        while (i < n) {
            int keyEnd = UrlText.indexOfAny(path, i, "= \t&;?#");
            int eq = skipSpaces(path, keyEnd);
            if (eq >= n || path.charAt(eq) != '=') {
                i = eq > keyEnd ? eq : keyEnd + 1;
                continue;
            }
            int start = skipSpaces(path, eq + 1);
            int end = UrlText.indexOfAny(path, start, " \t&;?#");
            if (path.startsWith("'", start)) {
                end = start + 1;
                while (end < n && path.charAt(end) != '\'') {
                    end += path.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
            }
            String value = path.substring(start, end);
            if (keyEnd > i && secrets.isSecret(path.substring(i, keyEnd))) {
                boolean quoted = value.length() >= 2 && value.startsWith("'") && value.endsWith("'");
                secrets.keep(value, quoted ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1") : value);
            }
            i = end + 1;
        }
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
