package io.connectionkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

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
 */
final class EmbeddedUrls {

    private EmbeddedUrls() {
    }

    /** Reads {@code rest}, what follows {@code jdbc:h2:} ({@code prefix}). */
    static JdbcUrl h2(String prefix, String rest, UrlSecrets secrets) {
        int semicolon = rest.indexOf(';');
        String database = semicolon < 0 ? rest : rest.substring(0, semicolon);
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
        return JdbcUrl.of(url.toString(), shown == null ? null : prefix + shown, prefix, secrets);
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
        if (question < 0) {
            return JdbcUrl.of(prefix + rest, prefix + rest, prefix, secrets);
        }
        String file = rest.substring(0, question);
        String kept = secrets.moveSecrets(rest.substring(question + 1), '&', key -> key.toLowerCase(Locale.ROOT),
                UnaryOperator.identity());
        return JdbcUrl.of(prefix + file + (kept.isEmpty() ? "" : "?" + kept), prefix + file, prefix, secrets);
    }

    /** Reads {@code rest}, what follows {@code jdbc:duckdb:} ({@code prefix}). */
    static JdbcUrl duckdb(String prefix, String rest, UrlSecrets secrets) {
        String[] parts = rest.split(";", -1);
        String path = parts[0];
        int question = path.indexOf('?');
        String shown = question < 0 ? path : path.substring(0, question);
        String strippedPath = path.strip().toLowerCase(Locale.ROOT);
        if (question >= 0 && (strippedPath.startsWith("md:") || strippedPath.startsWith("motherduck:"))) {
            String kept = secrets.moveSecrets(path.substring(question + 1), '&', UnaryOperator.identity(),
                    UnaryOperator.identity());
            path = shown + (kept.isEmpty() ? "" : "?" + kept);
        }
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
        return JdbcUrl.of(url.toString(), prefix + shown.strip(), prefix, secrets);
    }
}
