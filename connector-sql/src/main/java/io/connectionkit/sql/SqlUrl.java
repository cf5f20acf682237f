package io.connectionkit.sql;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where to connect, as JDBC wants it, translated from a SQLAlchemy-style URL
 * ({@code postgresql+psycopg2://user:pw@host:5432/db?sslmode=require}, {@code sqlite:///pets.db},
 * {@code h2:mem:pets}, see {@link SqlAlchemyUrl}) or from the parts a configuration gives; a
 * {@code jdbc:} URL is taken apart by its driver's syntax ({@link JdbcUrl}). No password travels
 * in the JDBC URL of a dialect the connector knows: user info, Oracle's {@code user/password@}
 * and every parameter or setting whose name is secret (the configuration's rule,
 * {@link io.connectionkit.api.ConnectionConfig#isSensitive}) go to the driver as properties.
 *
 * @param dialect         the dialect name: a {@link Dialect}'s, or a JDBC URL's subprotocol
 * @param jdbcUrl         the JDBC URL
 * @param properties      {@code query} entries and URL parameters that go to the driver as properties
 *                        instead: those whose name is secret, every one for duckdb, those whose name or
 *                        value needs %-escaping for mysql, mariadb and sqlite (their drivers do not
 *                        decode), and {@code query} entries beside a {@code jdbc:} URL of a
 *                        subprotocol whose URL syntax the connector does not know
 * @param urlProperties   what the URL itself wrote that goes to the driver as properties instead of
 *                        inside it: {@code user} and {@code password} of its user info, secret-named
 *                        parameters and settings, decoded as the driver would have read them
 *                        ({@link DriverProperties} says who wins over them); contains secrets
 * @param secrets         every secret value of the URL, as written and as the driver is given it,
 *                        and of the {@code query} entries whose name is secret (sent as properties,
 *                        unless the URL sets the same)
 * @param credentialInUrl whether the JDBC URL, of a subprotocol the connector does not know and so
 *                        passed as written, carries what looks like a password
 * @param driverSyntax    whether some of {@link #urlProperties} were written in the driver's own
 *                        syntax (a {@code jdbc:} URL, H2's settings, an embedded database's name),
 *                        rather than in a SQLAlchemy URL's user info and query
 * @param privateMemory   whether each connection opens its own empty in-memory database
 *                        ({@code sqlite://}, {@code duckdb://}, {@code jdbc:h2:mem:}), so that a pool
 *                        must hold one connection for good
 */
record SqlUrl(String dialect, String jdbcUrl, Map<String, String> properties, Map<String, String> urlProperties,
              Set<String> secrets, boolean credentialInUrl, boolean driverSyntax, boolean privateMemory) {

    /** A URL that cannot be translated; the message never contains the URL nor any part of it. */
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

    SqlUrl {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        urlProperties = Collections.unmodifiableMap(new LinkedHashMap<>(urlProperties));
        secrets = Collections.unmodifiableSet(new LinkedHashSet<>(secrets));
    }

    /**
     * Translates {@code url}; {@code query} entries are added as URL parameters, after the URL's
     * own, which win, or as {@link #properties}.
     *
     * @param secretName whether a parameter, setting or entry of that name holds a secret: the
     *                   configuration's rule, {@link io.connectionkit.api.ConnectionConfig#isSensitive}
     * @throws Invalid saying what is wrong, without repeating the URL
     */
    static SqlUrl parse(String url, Map<String, String> query, Predicate<String> secretName) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(secretName, "secretName");
        String text = url.strip();
        if (isJdbc(text)) {
            return jdbc(text, query, secretName);
        }
        return SqlAlchemyUrl.parse(text, query, secretName);
    }

    /** Whether {@code url} is a {@code jdbc:} URL, in any case, rather than a SQLAlchemy URL. */
    static boolean isJdbc(String url) {
        return url.strip().regionMatches(true, 0, "jdbc:", 0, 5);
    }

    /** The URL of a dialect's parts, as a configuration without {@code url} gives them. */
    static SqlUrl of(Dialect dialect, String host, Integer port, String database, Map<String, String> query,
                     Predicate<String> secretName) {
        return SqlAlchemyUrl.of(dialect, host, port, database, query, secretName);
    }

    private static SqlUrl jdbc(String url, Map<String, String> query, Predicate<String> secretName) {
        String afterJdbc = url.substring(5);
        int colon = afterJdbc.indexOf(':');
        String subprotocol = colon < 0 ? afterJdbc : afterJdbc.substring(0, colon);
        if (subprotocol.isBlank()) {
            throw new Invalid("is a JDBC URL without a subprotocol",
                    "Write jdbc:<subprotocol>:..., such as jdbc:postgresql://host:5432/database");
        }
        String rest = colon < 0 ? "" : afterJdbc.substring(colon + 1);
        JdbcUrl read = JdbcUrl.read(url, secretName);
        Dialect known = Dialect.forSubprotocol(subprotocol).orElse(null);
        boolean privateMemory = known != null && switch (known) {
            case SQLITE -> rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":memory:?");
            case DUCKDB -> rest.split(";", -1)[0].isBlank() || rest.split(";", -1)[0].strip().equals(":memory:");
            case H2 -> isUnnamedH2Memory(rest);
            default -> false;
        };
        String dialect = known != null ? known.dialectName() : subprotocol.toLowerCase(Locale.ROOT);
        Set<String> secrets = new LinkedHashSet<>(read.secrets());
        addQuerySecrets(known, query, secretName, secrets);
        if (known == null || known == Dialect.DUCKDB || query.isEmpty()) {
            // A URL syntax we do not know, or a driver that takes settings as properties only.
            return new SqlUrl(dialect, read.url(), query, read.moved(), secrets, read.credentialLeft(), true, privateMemory);
        }
        Map<String, String> inUrl = new LinkedHashMap<>(query);
        // The URL's own value wins, also of a setting taken out of it.
        inUrl.keySet().removeIf(key -> setsParameter(known, url, key)
                || read.moved().keySet().stream().anyMatch(key::equalsIgnoreCase));
        Map<String, String> properties = propertiesOf(known, inUrl, secretName);
        return new SqlUrl(dialect, withParameters(known, read.url(), inUrl), properties, read.moved(), secrets, false,
                true, privateMemory);
    }

    /** H2 and SQL Server take {@code ;key=value} parameters, the rest {@code ?key=value&...}. */
    static boolean semicolons(Dialect dialect) {
        return dialect == Dialect.H2 || dialect == Dialect.MSSQL;
    }

    private static boolean setsParameter(Dialect dialect, String url, String key) {
        String lower = url.toLowerCase(Locale.ROOT);
        String name = key.toLowerCase(Locale.ROOT);
        return semicolons(dialect) ? lower.contains(";" + name + "=")
                : lower.contains("?" + name + "=") || lower.contains("&" + name + "=");
    }

    /** {@code url} with {@code params} added in its dialect's syntax. */
    static String withParameters(Dialect dialect, String url, Map<String, String> params) {
        if (semicolons(dialect)) {
            return url + semicolonParameters(params);
        }
        String parameters = queryString(params);
        return parameters.isEmpty() || url.indexOf('?') < 0 ? url + parameters : url + "&" + parameters.substring(1);
    }

    /**
     * Adds the values of the {@code query} entries whose name is secret, which go to the driver as
     * properties; for SQL Server, or a dialect not known ({@code null}), as mssql-jdbc reads them too.
     */
    static void addQuerySecrets(@Nullable Dialect dialect, Map<String, String> query, Predicate<String> secretName,
                                Set<String> secrets) {
        query.forEach((key, value) -> {
            if (secretName.test(key) && !value.isEmpty()) {
                secrets.add(value);
                if (dialect == null || dialect == Dialect.MSSQL) {
                    secrets.add(UrlText.sqlServerValue(value));
                }
            }
        });
    }

    /**
     * Removes from {@code params} those that go to the driver as properties, and returns them: those
     * whose name is secret, and those the driver would misread in its URL: given the %-escapes of a
     * value such as {@code time_zone='+05:00'} where it reads parameters as written, or a value with a
     * {@code ;}, such as H2's {@code INIT} of two statements, where {@code ;} ends a setting.
     */
    static Map<String, String> propertiesOf(Dialect dialect, Map<String, String> params, Predicate<String> secretName) {
        Map<String, String> properties = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            boolean misread = semicolons(dialect) ? (key + value).indexOf(';') >= 0 || key.indexOf('=') >= 0
                    : dialect.readsUrlParametersAsWritten()
                    && !(UrlText.encode(key).equals(key) && UrlText.encode(value).equals(value))
                    && !(dialect == Dialect.SQLITE && SqlAlchemyUrl.SQLITE_URI_PARAMETERS.contains(key));
            if (misread || secretName.test(key)) {
                properties.put(key, dialect == Dialect.MSSQL ? UrlText.sqlServerValue(value) : value);
            }
        });
        params.keySet().removeAll(properties.keySet());
        return properties;
    }

    static boolean isUnnamedH2Memory(String rest) {
        return rest.regionMatches(true, 0, "mem:", 0, 4) && (rest.length() == 4 || rest.charAt(4) == ';');
    }

    /** {@code ;key=value} for each parameter, as H2 and SQL Server take them. */
    static String semicolonParameters(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((key, value) -> text.append(';').append(key).append('=').append(value));
        return text.toString();
    }

    static String queryString(Map<String, String> params) {
        return params.isEmpty() ? "" : params.entrySet().stream()
                .map(e -> UrlText.encode(e.getKey()) + "=" + UrlText.encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    /**
     * Where {@code url} leads, for messages and logs: scheme, hosts, ports and database, read by
     * the syntax of its driver ({@link JdbcUrl#location}); never user info, parameters or settings.
     * What cannot be read shows as its scheme only, such as {@code jdbc:foo:…}.
     */
    static String location(String url) {
        if (isJdbc(url)) {
            return JdbcUrl.location(url);
        }
        int colon = UrlText.schemeEnd(url);
        return colon > 0 ? url.substring(0, colon) + ":…" : "…";
    }

    /** Never shows a value of {@link #properties} or {@link #urlProperties}, nor a secret. */
    @Override
    public String toString() {
        return "SqlUrl[dialect=" + dialect + ", jdbcUrl=" + location(jdbcUrl) + ", properties=" + names(properties)
                + ", urlProperties=" + names(urlProperties) + ", credentialInUrl=" + credentialInUrl
                + ", driverSyntax=" + driverSyntax + ", privateMemory=" + privateMemory + "]";
    }

    private static String names(Map<String, String> map) {
        return map.keySet().stream().map(k -> k + "=****").collect(Collectors.joining(", ", "{", "}"));
    }
}
