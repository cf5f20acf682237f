package io.connectionkit.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The databases the SQL connector knows by name: how their SQLAlchemy dialect maps to a JDBC URL,
 * which driver class serves it, and which Maven artifact holds that driver. Any other database
 * works through a {@code jdbc:} URL and its driver on the class path.
 */
enum Dialect {
    POSTGRESQL("postgresql", "postgresql", "org.postgresql.Driver", "org.postgresql:postgresql", false, Set.of("postgres")),
    MYSQL("mysql", "mysql", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j", false, Set.of()),
    MARIADB("mariadb", "mariadb", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client", false, Set.of()),
    MSSQL("mssql", "sqlserver", "com.microsoft.sqlserver.jdbc.SQLServerDriver", "com.microsoft.sqlserver:mssql-jdbc",
            false, Set.of("sqlserver")),
    SQLITE("sqlite", "sqlite", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc", true, Set.of()),
    DUCKDB("duckdb", "duckdb", "org.duckdb.DuckDBDriver", "org.duckdb:duckdb_jdbc", true, Set.of()),
    H2("h2", "h2", "org.h2.Driver", "com.h2database:h2", true, Set.of());

    private final String dialectName;
    private final String jdbcSubprotocol;
    private final String driverClassName;
    private final String mavenCoordinates;
    private final boolean embedded;
    private final Set<String> aliases;

    Dialect(String dialectName, String jdbcSubprotocol, String driverClassName, String mavenCoordinates,
            boolean embedded, Set<String> aliases) {
        this.dialectName = dialectName;
        this.jdbcSubprotocol = jdbcSubprotocol;
        this.driverClassName = driverClassName;
        this.mavenCoordinates = mavenCoordinates;
        this.embedded = embedded;
        this.aliases = aliases;
    }

    /** The name users write and {@link SQLConnection#dialect()} returns: {@code postgresql}, {@code sqlite}, ... */
    String dialectName() {
        return dialectName;
    }

    /** What follows {@code jdbc:} in this dialect's JDBC URLs: {@code sqlserver} for {@code mssql}. */
    String jdbcSubprotocol() {
        return jdbcSubprotocol;
    }

    String driverClassName() {
        return driverClassName;
    }

    /** {@code groupId:artifactId} of the driver, for the error that says which jar is missing. */
    String mavenCoordinates() {
        return mavenCoordinates;
    }

    /**
     * Whether the database is a file or memory in this process (sqlite, duckdb, h2): then
     * {@code database} names the file or {@code :memory:}, and there is no host to require.
     */
    boolean embedded() {
        return embedded;
    }

    /** Whether the driver takes {@code user} and {@code password}; sqlite and duckdb have none (duckdb rejects them). */
    boolean takesCredentials() {
        return this != SQLITE && this != DUCKDB;
    }

    /**
     * Whether the driver reads {@code ?key=value} URL parameters as written, without %-decoding them:
     * MariaDB's and SQLite's do, and {@code jdbc:mysql:} may be served by MariaDB's.
     */
    boolean readsUrlParametersAsWritten() {
        return this == MYSQL || this == MARIADB || this == SQLITE;
    }

    /**
     * The dialect whose driver serves this one's servers too, given a URL written for it, when this
     * one's driver is missing: MariaDB's for mysql (Streamlit users write mysql:// for MariaDB).
     */
    Optional<Dialect> standIn() {
        return this == MYSQL ? Optional.of(MARIADB) : Optional.empty();
    }

    /**
     * The dialect of a SQLAlchemy drivername such as {@code postgresql+psycopg2}: the part after
     * {@code +} names a Python driver and is ignored. Case is ignored.
     */
    static Optional<Dialect> named(String drivername) {
        String name = drivername.strip().toLowerCase(Locale.ROOT);
        int plus = name.indexOf('+');
        String dialect = plus >= 0 ? name.substring(0, plus) : name;
        return Arrays.stream(values())
                .filter(d -> d.dialectName.equals(dialect) || d.aliases.contains(dialect))
                .findFirst();
    }

    /** The dialect whose JDBC subprotocol is {@code subprotocol}, if known. */
    static Optional<Dialect> forSubprotocol(String subprotocol) {
        return Arrays.stream(values()).filter(d -> d.jdbcSubprotocol.equalsIgnoreCase(subprotocol)).findFirst();
    }

    /** {@code duckdb, h2, mariadb, mssql, mysql, postgresql, sqlite}. */
    static String knownNames() {
        return Arrays.stream(values()).map(Dialect::dialectName).sorted().collect(Collectors.joining(", "));
    }

    /** What an error says about a dialect nobody knows: the known ones, and that a JDBC URL always works. */
    static String unknownHint() {
        return "Known dialects: " + knownNames() + ". Any other database works with a jdbc: URL and its driver"
                + " on the class path, such as url = \"jdbc:oracle:thin:@//host:1521/service\"";
    }
}
