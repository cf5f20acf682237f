package io.connectionkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Takes apart the {@code jdbc:} URLs of the server databases, by their drivers' syntax, moving
 * every password and secret-named setting into driver properties:
 * <ul>
 *   <li>PostgreSQL: {@code jdbc:postgresql://host:port,host2/db?key=value&...}, parameters
 *       %-decoded ({@code +} a space) as pgjdbc decodes them;</li>
 *   <li>MySQL ({@code jdbc:mysql:}, {@code jdbc:mysql:loadbalance:}, {@code jdbc:mysql+srv:}, ...):
 *       the same, with Connector/J's {@code [host,host]} lists and key-value hosts
 *       ({@link HostList}), values %-decoded as Connector/J decodes them;</li>
 *   <li>MariaDB ({@code jdbc:mariadb:}, {@code jdbc:mariadb:sequential:}, ...): the same, values
 *       as written, as MariaDB's driver reads them, and so a {@code jdbc:mysql:} URL that says
 *       {@code permitMysqlScheme}, which MariaDB's driver serves;</li>
 *   <li>SQL Server: {@code jdbc:sqlserver://host\instance:port;key=value;...}, a value maybe in
 *       braces ({@code {a;b}}c}}, where {@code }}} is a brace), which the property is without, and
 *       else trimmed, as mssql-jdbc reads it.</li>
 * </ul>
 * User info ({@code user:password@host}), which only Connector/J reads, moves to the properties
 * {@code user} and {@code password} for every one of them.
 */
final class ServerUrls {

    private ServerUrls() {
    }

    /**
     * Reads {@code rest}, what follows {@code jdbc:<subprotocol>:} ({@code prefix}) in a URL of
     * PostgreSQL, MySQL or MariaDB.
     *
     * @param syntax {@code postgresql}, {@code mysql} or {@code mariadb}
     */
    static JdbcUrl queryStyle(String syntax, String prefix, String rest, UrlSecrets secrets) {
        boolean mysql = syntax.equals("mysql");
        boolean keyValues = mysql || syntax.equals("mariadb");
        // pgjdbc and Connector/J decode parameters; MariaDB's driver reads them as written.
        UnaryOperator<String> given = syntax.equals("mariadb") ? value -> value : UrlText::decodeFormLeniently;
        UnaryOperator<String> userInfo = mysql ? UrlText::decodeFormLeniently : UrlText::decodeLeniently;
        String scheme = prefix;
        String afterScheme = rest;
        int slashes = rest.indexOf("//");
        if (keyValues && slashes > 0 && rest.substring(0, slashes).matches("[A-Za-z0-9_-]+:")) {
            scheme = prefix + rest.substring(0, slashes); // jdbc:mysql:loadbalance:, jdbc:mariadb:sequential:
            afterScheme = rest.substring(slashes);
        }
        String hosts = null;
        String where = null;
        String path = afterScheme;
        if (afterScheme.startsWith("//")) {
            int end = UrlText.indexOfAny(afterScheme, 2, "/?#");
            HostList list = HostList.read(afterScheme.substring(2, end), keyValues, true, userInfo, secrets);
            hosts = "//" + list.authority();
            where = list.location() == null ? null : "//" + list.location();
            path = afterScheme.substring(end);
        }
        int question = path.indexOf('?');
        String query = question < 0 ? null : path.substring(question + 1);
        path = question < 0 ? path : path.substring(0, question);
        String kept = query == null ? null : secrets.moveSecrets(query, '&', given, given);
        String url = scheme + (hosts == null ? "" : hosts) + path + (kept == null || kept.isEmpty() ? "" : "?" + kept);
        String location = hosts != null && where == null ? null : scheme + (where == null ? "" : where) + UrlText.pathShown(path);
        return JdbcUrl.of(url, location, scheme, secrets);
    }

    /** Reads {@code rest}, what follows {@code jdbc:sqlserver:} ({@code prefix}). */
    static JdbcUrl sqlServer(String prefix, String rest, UrlSecrets secrets) {
        if (!rest.startsWith("//")) {
            throw new SqlUrl.Invalid("is not a SQL Server URL the sql connector can read",
                    "Write jdbc:sqlserver://host:port;databaseName=database");
        }
        int end = UrlText.indexOfAny(rest, 2, ";");
        HostList host = HostList.read(rest.substring(2, end), false, false, UrlText::decodeLeniently, secrets);
        List<String> kept = new ArrayList<>();
        String database = null;
        String serverName = null;
        for (String setting : semicolonSettings(rest.substring(end))) {
            int eq = setting.indexOf('=');
            String key = (eq < 0 ? setting : setting.substring(0, eq)).strip();
            String value = eq < 0 ? "" : setting.substring(eq + 1);
            if (secrets.isSecret(key)) {
                secrets.move(key, value, UrlText.sqlServerValue(value));
                continue;
            }
            if (key.equalsIgnoreCase("databaseName") || key.equalsIgnoreCase("database")) {
                database = UrlText.sqlServerValue(value);
            } else if (key.equalsIgnoreCase("serverName") || key.equalsIgnoreCase("server")) {
                serverName = UrlText.sqlServerValue(value);
            }
            kept.add(setting);
        }
        String url = prefix + "//" + host.authority() + kept.stream().map(s -> ";" + s).reduce("", String::concat);
        String where = host.location();
        if ("".equals(where) && serverName != null) {
            // jdbc:sqlserver://;serverName=db: the host is a setting
            where = serverName.matches("[A-Za-z0-9._-]+(\\\\[A-Za-z0-9._$-]+)?") ? serverName : null;
        }
        String location = where == null ? null : prefix + "//" + where
                + (database == null || !database.matches("[\\w.$#@ -]+") ? "" : ";databaseName=" + database);
        return JdbcUrl.of(url, location, prefix, secrets);
    }

    /**
     * {@code ;key=value;...} split into its settings, a value in braces kept whole.
     *
     * @throws SqlUrl.Invalid for a brace never closed
     */
    static List<String> semicolonSettings(String text) {
        List<String> settings = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == ';') {
                i++;
                continue;
            }
            int start = i;
            int eq = text.indexOf('=', i);
            int semicolon = text.indexOf(';', i);
            if (eq >= 0 && (semicolon < 0 || eq < semicolon)) {
                int value = eq + 1;
                while (value < text.length() && text.charAt(value) == ' ') {
                    value++;
                }
                if (value < text.length() && text.charAt(value) == '{') {
                    i = UrlText.closingBrace(text, value + 1);
                    if (i < 0) {
                        throw new SqlUrl.Invalid("has a { that is never closed",
                                "Close a value in braces with }, and write a } inside it as }}");
                    }
                }
            }
            int next = text.indexOf(';', i);
            i = next < 0 ? text.length() : next;
            settings.add(text.substring(start, i));
        }
        return settings;
    }
}
