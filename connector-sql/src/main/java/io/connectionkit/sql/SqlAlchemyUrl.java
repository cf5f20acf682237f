package io.connectionkit.sql;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLAlchemy-style URLs ({@code postgresql+psycopg2://user:pw@host:5432/db?sslmode=require},
 * {@code sqlite:///pets.db}, {@code h2:mem:pets}) and a configuration's parts, translated to
 * {@link SqlUrl}s: user info and secret-named parameters go to the driver as properties.
 */
final class SqlAlchemyUrl {

    private static final String FORMS = "Write a JDBC URL (jdbc:...) or a SQLAlchemy URL such as"
            + " postgresql://user:password@host:5432/database, sqlite:///relative.db, sqlite:////absolute/path.db"
            + " or h2:mem:name";

    /** SQLAlchemy's reading: the user info ends at the first {@code @}; a password may hold {@code :/?} but not {@code @}. */
    private static final Pattern SERVER = Pattern.compile(
            "(?:(?<user>[^:/@]*)(?::(?<password>[^@]*))?@)?"
                    + "(?:\\[(?<ipv6>[^\\]/?]+)]|(?<host>[^/:?@\\[\\]]*))"
                    + "(?::(?<port>[^/?]*))?(?:/(?<database>[^?]*))?(?:\\?(?<query>.*))?", Pattern.DOTALL);

    /**
     * The parameters of SQLite's own URI filenames, which SQLite reads from the URL, %-decoding them;
     * the driver's settings (pragmas, date formats) it takes as properties too, but not these.
     */
    static final Set<String> SQLITE_URI_PARAMETERS = Set.of("vfs", "mode", "cache", "psow", "nolock",
            "immutable", "modeof");

    /** H2's URL kinds ({@code mem:}, {@code file:}, {@code tcp:}, ...): a prefix of two letters or more. */
    private static final Pattern H2_KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]+:.*", Pattern.DOTALL);

    private SqlAlchemyUrl() {
    }

    /**
     * Translates {@code text}, which is not a {@code jdbc:} URL.
     *
     * @throws SqlUrl.Invalid saying what is wrong, without repeating the URL; an unknown dialect is
     *         named, as it is where the URL leads
     */
    static SqlUrl parse(String text, Map<String, String> query, Predicate<String> secretName) {
        if (text.regionMatches(true, 0, "h2:", 0, 3) && !text.startsWith("//", 3)) {
            return h2(text.substring(3), query, secretName);
        }
        int colon = UrlText.schemeEnd(text);
        if (colon < 0 || !text.startsWith("//", colon + 1)) {
            throw new SqlUrl.Invalid("is not a URL the sql connector understands", FORMS);
        }
        String scheme = text.substring(0, colon);
        Dialect dialect = Dialect.named(scheme).orElseThrow(() -> new SqlUrl.Invalid(
                "unknown dialect \"" + scheme.toLowerCase(Locale.ROOT).replaceFirst("\\+.*", "") + "\"",
                Dialect.unknownHint()));
        String rest = text.substring(colon + 3);
        UrlSecrets found = new UrlSecrets(secretName);
        return dialect.embedded() ? embeddedUrl(dialect, rest, query, found) : serverUrl(dialect, rest, query, found);
    }

    /** The URL of a dialect's parts, as a configuration without {@code url} gives them. */
    static SqlUrl of(Dialect dialect, String host, Integer port, String database, Map<String, String> query,
                     Predicate<String> secretName) {
        Objects.requireNonNull(dialect, "dialect");
        if (dialect == Dialect.H2) {
            return h2(database == null || database.isEmpty() || database.equals(":memory:") ? "mem:" : database, query,
                    secretName);
        }
        UrlSecrets found = new UrlSecrets(secretName);
        return dialect.embedded() ? embedded(dialect, database, Map.of(), found, query)
                : server(dialect, host == null ? "" : host, port, database, Map.of(), found, query);
    }

    private static SqlUrl serverUrl(Dialect dialect, String rest, Map<String, String> query, UrlSecrets found) {
        Matcher m = SERVER.matcher(rest);
        if (!m.matches()) {
            throw new SqlUrl.Invalid("is not a valid " + dialect.dialectName() + " URL",
                    "Write " + dialect.dialectName() + "://user:password@host:port/database, with an @, / or ? in"
                            + " the user or password written as %40, %2F or %3F");
        }
        String host = m.group("ipv6") != null ? "[" + m.group("ipv6") + "]" : m.group("host");
        String port = m.group("port");
        if (port != null && !port.isEmpty() && !UrlText.isPort(port)) {
            throw new SqlUrl.Invalid("has a port that is not a number from 1 to 65535",
                    "Write host:port, such as db.example.com:5432, with an @, / or ? in the password written as"
                            + " %40, %2F or %3F");
        }
        if (m.group("user") != null && !m.group("user").isEmpty()) {
            found.moveSetting("user", UrlText.decode(m.group("user")));
        }
        if (m.group("password") != null) {
            found.move("password", m.group("password"), UrlText.decode(m.group("password")));
        }
        UnaryOperator<String> given = dialect == Dialect.MSSQL ? UrlText::sqlServerValue : UnaryOperator.identity();
        Map<String, String> params = parameters(m.group("query"), given, found);
        return server(dialect, host, port == null || port.isEmpty() ? null : Integer.parseInt(port),
                UrlText.decode(m.group("database")), params, found, query);
    }

    private static SqlUrl server(Dialect dialect, String host, Integer port, String database, Map<String, String> params,
                                 UrlSecrets found, Map<String, String> query) {
        Map<String, String> inUrl = withQuery(params, query, found);
        if (dialect == Dialect.MSSQL) {
            inUrl.keySet().removeIf(key -> key.equalsIgnoreCase("driver")); // pyodbc's ODBC driver: nothing for JDBC
        }
        Map<String, String> properties = SqlUrl.propertiesOf(dialect, inUrl, found::isSecret);
        StringBuilder url = new StringBuilder("jdbc:").append(dialect.jdbcSubprotocol()).append("://").append(host);
        if (port != null) {
            url.append(':').append(port);
        }
        if (dialect == Dialect.MSSQL) {
            if (database != null && !database.isEmpty()) {
                url.append(";databaseName=").append(database);
            }
            url.append(SqlUrl.semicolonParameters(inUrl));
        } else {
            url.append('/').append(database == null ? "" : database).append(SqlUrl.queryString(inUrl));
        }
        return result(dialect, url.toString(), properties, found, query, false, false);
    }

    private static SqlUrl embeddedUrl(Dialect dialect, String rest, Map<String, String> query, UrlSecrets found) {
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new SqlUrl.Invalid("names a host, but a " + dialect.dialectName() + " database is a file or memory",
                    "Write " + dialect.dialectName() + ":///relative/path, " + dialect.dialectName()
                            + ":////absolute/path or " + dialect.dialectName() + ":// for an in-memory database");
        }
        Map<String, String> params = parameters(q < 0 ? null : rest.substring(q + 1), UnaryOperator.identity(), found);
        String database = path.isEmpty() ? null : UrlText.decode(path.substring(1));
        if (dialect == Dialect.H2) {
            // h2:///pets?MODE=MySQL: its parameters are H2's settings, as query entries are, the URL's own first.
            Map<String, String> settings = new LinkedHashMap<>(params);
            settings.putAll(found.moved());
            query.forEach(settings::putIfAbsent);
            SqlUrl url = h2(database == null ? "mem:" : database, settings, found::isSecret);
            Set<String> secrets = new LinkedHashSet<>(found.secrets());
            secrets.addAll(url.secrets());
            return new SqlUrl(url.dialect(), url.jdbcUrl(), url.properties(), url.urlProperties(), secrets,
                    url.credentialInUrl(), url.driverSyntax(), url.privateMemory());
        }
        return embedded(dialect, database, params, found, query);
    }

    /**
     * A SQLite or DuckDB database, its name or path read as the driver's own URL reads it (a
     * password in it moves out as from a {@code jdbc:} URL), then the URL's parameters and the
     * {@code query} entries that the name does not set.
     */
    private static SqlUrl embedded(Dialect dialect, String database, Map<String, String> params, UrlSecrets found,
                                   Map<String, String> query) {
        boolean memory = database == null || database.isEmpty() || database.equals(":memory:");
        Map<String, String> fromQuery = found.moved();
        return switch (dialect) {
            case SQLITE -> {
                JdbcUrl named = EmbeddedUrls.sqlite("jdbc:sqlite:", memory ? ":memory:" : file(database), found);
                Map<String, String> inUrl = withQuery(params, query, found);
                Map<String, String> properties = SqlUrl.propertiesOf(dialect, inUrl, found::isSecret);
                yield result(dialect, SqlUrl.withParameters(dialect, named.url(), inUrl), properties, found, query,
                        !named.moved().equals(fromQuery), memory);
            }
            case DUCKDB -> {
                JdbcUrl named = EmbeddedUrls.duckdb("jdbc:duckdb:", memory ? "" : database.startsWith("md:")
                        ? database : file(database), found);
                // DuckDB takes its settings as properties, not as URL parameters.
                yield result(dialect, named.url(), withQuery(params, query, found), found, query,
                        !named.moved().equals(fromQuery), memory);
            }
            default -> throw new IllegalArgumentException(dialect + " is not SQLite nor DuckDB");
        };
    }

    /**
     * An H2 database ({@code mem:pets}, {@code file:/data/pets}, {@code data/pets}): the
     * {@code jdbc:h2:} URL it stands for, with {@code query}, read as that URL is, so that its
     * settings ({@code ;PASSWORD=...}) and the {@code query} entries are taken as they are there.
     */
    private static SqlUrl h2(String database, Map<String, String> query, Predicate<String> secretName) {
        String target;
        if (H2_KIND.matcher(database).matches() || database.startsWith("~")) {
            target = database;
        } else {
            // H2 refuses paths implicitly relative to the working directory, and adds .mv.db itself.
            target = "file:" + file(database.endsWith(".mv.db") ? database.substring(0, database.length() - 6) : database);
        }
        StringBuilder url = new StringBuilder("jdbc:h2:").append(target);
        // A named in-memory database would vanish whenever the pool holds no connection.
        if (target.regionMatches(true, 0, "mem:", 0, 4) && !SqlUrl.isUnnamedH2Memory(target)
                && !target.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")
                && query.keySet().stream().noneMatch("DB_CLOSE_DELAY"::equalsIgnoreCase)) {
            url.append(";DB_CLOSE_DELAY=-1");
        }
        return SqlUrl.parse(url.toString(), query, secretName);
    }

    private static SqlUrl result(Dialect dialect, String jdbcUrl, Map<String, String> properties, UrlSecrets found,
                                 Map<String, String> query, boolean driverSyntax, boolean privateMemory) {
        Set<String> secrets = new LinkedHashSet<>(found.secrets());
        SqlUrl.addQuerySecrets(dialect, query, found::isSecret, secrets);
        return new SqlUrl(dialect.dialectName(), jdbcUrl, properties, found.moved(), secrets, false, driverSyntax,
                privateMemory);
    }

    /** The URL's parameters, then the {@code query} entries it does not set itself, nor took out of it. */
    private static Map<String, String> withQuery(Map<String, String> params, Map<String, String> query, UrlSecrets found) {
        Map<String, String> all = new LinkedHashMap<>(params);
        Map<String, String> moved = found.moved();
        query.forEach((key, value) -> {
            if (moved.keySet().stream().noneMatch(key::equalsIgnoreCase)) {
                all.putIfAbsent(key, value);
            }
        });
        return all;
    }

    /** A file path, relative to the working directory ({@code user.dir}) unless absolute or a {@code file:} URI. */
    private static String file(String path) {
        if (path.startsWith("file:")) {
            return path;
        }
        try {
            return Path.of(System.getProperty("user.dir")).resolve(path).toString();
        } catch (InvalidPathException e) {
            throw new SqlUrl.Invalid("names a file path that is not valid here", "Write a valid file path");
        }
    }

    /**
     * The parameters of a URL's query string, decoded; those whose name is secret are moved
     * into {@code found} instead, their value as {@code given} makes it.
     */
    private static Map<String, String> parameters(String query, UnaryOperator<String> given, UrlSecrets found) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = UrlText.decodeForm(eq < 0 ? pair : pair.substring(0, eq));
                String raw = eq < 0 ? "" : pair.substring(eq + 1);
                String value = UrlText.decodeForm(raw);
                if (found.isSecret(key)) {
                    params.remove(key);
                    found.move(key, raw, given.apply(value));
                } else {
                    params.put(key, value);
                }
            }
        }
        return params;
    }
}
