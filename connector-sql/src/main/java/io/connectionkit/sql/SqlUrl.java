package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where to connect, as JDBC wants it, translated from a SQLAlchemy-style URL
 * ({@code postgresql+psycopg2://user:pw@host:5432/db?sslmode=require}, {@code sqlite:///pets.db},
 * {@code h2:mem:pets}) or from the parts a configuration gives; a {@code jdbc:} URL is taken as is.
 * Credentials never stay in the JDBC URL: they are returned apart, for the driver's properties.
 *
 * @param dialect       the dialect name: a {@link Dialect}'s, or a JDBC URL's subprotocol
 * @param jdbcUrl       the JDBC URL
 * @param user          the user written in the URL, decoded, or {@code null}
 * @param password      the password written in the URL, decoded, or {@code null}; a secret
 * @param properties    URL parameters that go to the driver as properties instead: those that look
 *                      secret, every one for duckdb, those whose name or value needs %-escaping for
 *                      mysql, mariadb and sqlite (their drivers do not decode), and {@code query} entries
 *                      beside a {@code jdbc:} URL of a subprotocol whose URL syntax the connector does not know
 * @param privateMemory whether each connection opens its own empty in-memory database
 *                      ({@code sqlite://}, {@code duckdb://}, {@code jdbc:h2:mem:}), so that a pool
 *                      must hold one connection for good
 */
record SqlUrl(String dialect, String jdbcUrl, String user, String password, Map<String, String> properties,
              boolean privateMemory) {

    /** A URL that cannot be translated; the message never contains the URL. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        Invalid(String problem, String hint) {
            super(problem);
            this.hint = hint;
        }

        /** What to write instead. */
        String hint() {
            return hint;
        }
    }

    private static final String FORMS = "Write a JDBC URL (jdbc:...) or a SQLAlchemy URL such as"
            + " postgresql://user:password@host:5432/database, sqlite:///relative.db, sqlite:////absolute/path.db"
            + " or h2:mem:name";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+._-]*)://(.*)", Pattern.DOTALL);

    /** SQLAlchemy's reading: the user info ends at the first {@code @}; a password may hold {@code :/?} but not {@code @}. */
    private static final Pattern SERVER = Pattern.compile(
            "(?:(?<user>[^:/@]*)(?::(?<password>[^@]*))?@)?"
                    + "(?:\\[(?<ipv6>[^\\]/?]+)]|(?<host>[^/:?@\\[\\]]*))"
                    + "(?::(?<port>[^/?]*))?(?:/(?<database>[^?]*))?(?:\\?(?<query>.*))?", Pattern.DOTALL);

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|pwd|passcode|token|secret|passphrase).*");

    /** Holds no secrets: its mask hides the passwords written inside URLs, by the patterns every connector shares. */
    private static final ConnectionConfig NO_SECRETS = ConnectionConfig.empty("url");

    /**
     * The parameters of SQLite's own URI filenames, which SQLite reads from the URL, %-decoding them;
     * the driver's settings (pragmas, date formats) it takes as properties too, but not these.
     */
    private static final Set<String> SQLITE_URI_PARAMETERS = Set.of("vfs", "mode", "cache", "psow", "nolock",
            "immutable", "modeof");

    /** H2's URL kinds ({@code mem:}, {@code file:}, {@code tcp:}, ...): a prefix of two letters or more. */
    private static final Pattern H2_KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]+:.*", Pattern.DOTALL);

    SqlUrl {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Translates {@code url}; {@code query} entries are added as URL parameters, after the URL's
     * own, which win, or as {@link #properties}.
     *
     * @throws Invalid saying what is wrong, without repeating the URL
     */
    static SqlUrl parse(String url, Map<String, String> query) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(query, "query");
        String text = url.strip();
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return jdbc(text, query);
        }
        if (text.regionMatches(true, 0, "h2:", 0, 3) && !text.startsWith("//", 3)) {
            return embedded(Dialect.H2, text.substring(3), query);
        }
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.matches()) {
            throw new Invalid("is not a URL the sql connector understands", FORMS);
        }
        Dialect dialect = Dialect.named(scheme.group(1)).orElseThrow(() -> new Invalid(
                "unknown dialect \"" + scheme.group(1).toLowerCase(Locale.ROOT).replaceFirst("\\+.*", "") + "\"",
                Dialect.unknownHint()));
        String rest = scheme.group(2);
        return dialect.embedded() ? embeddedUrl(dialect, rest, query) : serverUrl(dialect, rest, query);
    }

    /** The URL of a dialect's parts, as a configuration without {@code url} gives them. */
    static SqlUrl of(Dialect dialect, String host, Integer port, String database, Map<String, String> query) {
        Objects.requireNonNull(dialect, "dialect");
        return dialect.embedded() ? embedded(dialect, database, query)
                : server(dialect, host == null ? "" : host, port, database, query, null, null);
    }

    private static SqlUrl jdbc(String url, Map<String, String> query) {
        String afterJdbc = url.substring(5);
        int colon = afterJdbc.indexOf(':');
        String subprotocol = colon < 0 ? afterJdbc : afterJdbc.substring(0, colon);
        if (subprotocol.isBlank()) {
            throw new Invalid("is a JDBC URL without a subprotocol",
                    "Write jdbc:<subprotocol>:..., such as jdbc:postgresql://host:5432/database");
        }
        String rest = colon < 0 ? "" : afterJdbc.substring(colon + 1);
        Dialect known = Dialect.forSubprotocol(subprotocol).orElse(null);
        boolean privateMemory = known != null && switch (known) {
            case SQLITE, DUCKDB -> rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":memory:?");
            case H2 -> isUnnamedH2Memory(rest);
            default -> false;
        };
        String dialect = known != null ? known.dialectName() : subprotocol.toLowerCase(Locale.ROOT);
        if (known == null || known == Dialect.DUCKDB || query.isEmpty()) {
            // A URL syntax we do not know, or a driver that takes settings as properties only.
            return new SqlUrl(dialect, url, null, null, query, privateMemory);
        }
        Map<String, String> inUrl = new LinkedHashMap<>(query);
        inUrl.keySet().removeIf(key -> setsParameter(known, url, key)); // the URL's own value wins
        Map<String, String> properties = propertiesOf(known, inUrl);
        return new SqlUrl(dialect, withParameters(known, url, inUrl), null, null, properties, privateMemory);
    }

    /** H2 and SQL Server take {@code ;key=value} parameters, the rest {@code ?key=value&...}. */
    private static boolean semicolons(Dialect dialect) {
        return dialect == Dialect.H2 || dialect == Dialect.MSSQL;
    }

    private static boolean setsParameter(Dialect dialect, String url, String key) {
        String lower = url.toLowerCase(Locale.ROOT);
        String name = key.toLowerCase(Locale.ROOT);
        return semicolons(dialect) ? lower.contains(";" + name + "=")
                : lower.contains("?" + name + "=") || lower.contains("&" + name + "=");
    }

    /** {@code url} with {@code params} added in its dialect's syntax. */
    private static String withParameters(Dialect dialect, String url, Map<String, String> params) {
        if (semicolons(dialect)) {
            return url + semicolonParameters(params);
        }
        String parameters = queryString(params);
        return parameters.isEmpty() || url.indexOf('?') < 0 ? url + parameters : url + "&" + parameters.substring(1);
    }

    private static SqlUrl serverUrl(Dialect dialect, String rest, Map<String, String> query) {
        Matcher m = SERVER.matcher(rest);
        if (!m.matches()) {
            throw new Invalid("is not a valid " + dialect.dialectName() + " URL",
                    "Write " + dialect.dialectName() + "://user:password@host:port/database, with an @, / or ? in"
                            + " the user or password written as %40, %2F or %3F");
        }
        String host = m.group("ipv6") != null ? "[" + m.group("ipv6") + "]" : m.group("host");
        String port = m.group("port");
        Map<String, String> params = parameters(m.group("query"));
        query.forEach(params::putIfAbsent);
        return server(dialect, host, port == null || port.isEmpty() ? null : port(port),
                decode(m.group("database")), params, decode(m.group("user")), decode(m.group("password")));
    }

    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new Invalid("has a port that is not a number from 1 to 65535",
                    "Write host:port, such as db.example.com:5432, with an @, / or ? in the password written as"
                            + " %40, %2F or %3F");
        }
        return Integer.parseInt(text);
    }

    private static SqlUrl server(Dialect dialect, String host, Integer port, String database, Map<String, String> params,
                                 String user, String password) {
        Map<String, String> inUrl = new LinkedHashMap<>(params);
        if (dialect == Dialect.MSSQL) {
            inUrl.keySet().removeIf(key -> key.equalsIgnoreCase("driver")); // pyodbc's ODBC driver: nothing for JDBC
        }
        Map<String, String> properties = propertiesOf(dialect, inUrl);
        StringBuilder url = new StringBuilder("jdbc:").append(dialect.jdbcSubprotocol()).append("://").append(host);
        if (port != null) {
            url.append(':').append(port);
        }
        if (dialect == Dialect.MSSQL) {
            if (database != null && !database.isEmpty()) {
                url.append(";databaseName=").append(database);
            }
            url.append(semicolonParameters(inUrl));
        } else {
            url.append('/').append(database == null ? "" : database).append(queryString(inUrl));
        }
        return new SqlUrl(dialect.dialectName(), url.toString(), user, password, properties, false);
    }

    private static SqlUrl embeddedUrl(Dialect dialect, String rest, Map<String, String> query) {
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new Invalid("names a host, but a " + dialect.dialectName() + " database is a file or memory",
                    "Write " + dialect.dialectName() + ":///relative/path, " + dialect.dialectName()
                            + ":////absolute/path or " + dialect.dialectName() + ":// for an in-memory database");
        }
        Map<String, String> params = parameters(q < 0 ? null : rest.substring(q + 1));
        query.forEach(params::putIfAbsent);
        return embedded(dialect, path.isEmpty() ? null : decode(path.substring(1)), params);
    }

    private static SqlUrl embedded(Dialect dialect, String database, Map<String, String> params) {
        boolean memory = database == null || database.isEmpty() || database.equals(":memory:");
        return switch (dialect) {
            case SQLITE -> {
                Map<String, String> inUrl = new LinkedHashMap<>(params);
                Map<String, String> properties = propertiesOf(dialect, inUrl);
                yield new SqlUrl("sqlite", "jdbc:sqlite:" + (memory ? ":memory:" : file(database)) + queryString(inUrl),
                        null, null, properties, memory);
            }
            // DuckDB takes its settings as properties, not as URL parameters.
            case DUCKDB -> new SqlUrl("duckdb", "jdbc:duckdb:" + (memory ? "" : database.startsWith("md:")
                    ? database : file(database)), null, null, params, memory);
            case H2 -> h2(memory ? "mem:" : database, params);
            default -> throw new IllegalArgumentException(dialect + " is not embedded");
        };
    }

    private static SqlUrl h2(String database, Map<String, String> params) {
        Map<String, String> inUrl = new LinkedHashMap<>(params);
        Map<String, String> properties = propertiesOf(Dialect.H2, inUrl);
        String target;
        if (H2_KIND.matcher(database).matches() || database.startsWith("~")) {
            target = database;
        } else {
            // H2 refuses paths implicitly relative to the working directory, and adds .mv.db itself.
            target = "file:" + file(database.endsWith(".mv.db") ? database.substring(0, database.length() - 6) : database);
        }
        StringBuilder url = new StringBuilder("jdbc:h2:").append(target);
        boolean privateMemory = isUnnamedH2Memory(target);
        // A named in-memory database would vanish whenever the pool holds no connection.
        if (target.regionMatches(true, 0, "mem:", 0, 4) && !privateMemory
                && !target.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
            url.append(";DB_CLOSE_DELAY=-1");
        }
        url.append(semicolonParameters(inUrl));
        return new SqlUrl("h2", url.toString(), null, null, properties, privateMemory);
    }

    /**
     * Removes from {@code params} those that go to the driver as properties, and returns them: those
     * whose name looks secret, and those the driver would misread in its URL: given the %-escapes of a
     * value such as {@code time_zone='+05:00'} where it reads parameters as written, or a value with a
     * {@code ;}, such as H2's {@code INIT} of two statements, where {@code ;} ends a setting.
     */
    private static Map<String, String> propertiesOf(Dialect dialect, Map<String, String> params) {
        Map<String, String> properties = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            boolean misread = semicolons(dialect) ? (key + value).indexOf(';') >= 0 || key.indexOf('=') >= 0
                    : dialect.readsUrlParametersAsWritten() && !(encode(key).equals(key) && encode(value).equals(value))
                    && !(dialect == Dialect.SQLITE && SQLITE_URI_PARAMETERS.contains(key));
            if (misread || SECRET_NAME.matcher(key).matches()) {
                properties.put(key, dialect == Dialect.MSSQL ? unbraced(value) : value);
            }
        });
        params.keySet().removeAll(properties.keySet());
        return properties;
    }

    /** SQL Server's {@code {a;b}}, written for its URL, is {@code a;b} as a property; {@code }}} is a brace. */
    private static String unbraced(String value) {
        return value.length() >= 2 && value.startsWith("{") && value.endsWith("}")
                ? value.substring(1, value.length() - 1).replace("}}", "}") : value;
    }

    private static boolean isUnnamedH2Memory(String rest) {
        return rest.regionMatches(true, 0, "mem:", 0, 4) && (rest.length() == 4 || rest.charAt(4) == ';');
    }

    /** A file path, relative to the working directory ({@code user.dir}) unless absolute or a {@code file:} URI. */
    private static String file(String path) {
        if (path.startsWith("file:")) {
            return path;
        }
        try {
            return Path.of(System.getProperty("user.dir")).resolve(path).toString();
        } catch (InvalidPathException e) {
            throw new Invalid("names a file path that is not valid here", "Write a valid file path");
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(decodeForm(key), decodeForm(value));
            }
        }
        return params;
    }

    /** {@code ;key=value} for each parameter, as H2 and SQL Server take them. */
    private static String semicolonParameters(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((key, value) -> text.append(';').append(key).append('=').append(value));
        return text.toString();
    }

    private static String queryString(Map<String, String> params) {
        return params.isEmpty() ? "" : params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** %-escaped as in a URI, a space as {@code %20}: SQLite reads a {@code +} as a plus. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-decoding as in a URL path: a {@code +} stays a plus. */
    private static String decode(String text) {
        return text == null ? null : decodeForm(text.replace("+", "%2B"));
    }

    private static String decodeForm(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Invalid("has a malformed %-escape", "Write a % as %25, and each escape as % and two hex digits");
        }
    }

    /**
     * {@code url} with a password in its user info, in a parameter or in Oracle's {@code user/password@}
     * replaced by {@code ****}: safe to log.
     */
    static String redact(String url) {
        return NO_SECRETS.mask(url);
    }

    private static final Pattern ORACLE_USER = Pattern.compile("(?i)(:(?:thin|oci8?):)[^@]*@");
    private static final Pattern GROUPS = Pattern.compile("\\([^)]*\\)");

    /**
     * Where {@code url} leads, for messages and logs: scheme, host, port and database, without
     * user info, MySQL's {@code (host=...)} groups, parameters or {@code ;} settings, where a
     * password could hide in a form the patterns of {@link #redact} miss. Everything up to the
     * last {@code @} after {@code //} goes, as a password may hold {@code ?}, {@code /} and spaces;
     * with an {@code @} in a parameter only ({@code user=app@server}) that also takes the host,
     * which loses detail and hides nothing.
     */
    static String location(String url) {
        String text = redact(url);
        int authority = text.indexOf("//");
        int at = text.lastIndexOf('@');
        if (authority >= 0 && at > authority) {
            text = text.substring(0, authority + 2) + text.substring(at + 1);
        }
        text = ORACLE_USER.matcher(text).replaceFirst("$1@");
        text = GROUPS.matcher(text).replaceAll("(...)");
        int end = text.length();
        for (char c : new char[] {'?', ';'}) {
            int cut = text.indexOf(c);
            end = cut >= 0 ? Math.min(end, cut) : end;
        }
        return text.substring(0, end);
    }

    /** Never shows the password nor the values of {@link #properties}. */
    @Override
    public String toString() {
        return "SqlUrl[dialect=" + dialect + ", jdbcUrl=" + location(jdbcUrl) + ", user=" + user
                + ", password=" + (password == null ? null : "****") + ", properties="
                + properties.keySet().stream().map(k -> k + "=****").collect(Collectors.joining(", ", "{", "}"))
                + ", privateMemory=" + privateMemory + "]";
    }
}
