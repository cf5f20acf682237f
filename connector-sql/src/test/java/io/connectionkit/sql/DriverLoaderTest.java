package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.ConnectionConfigException;
import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.util.Map;
import java.util.function.Supplier;

import static io.connectionkit.sql.Configs.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverLoaderTest {

    private static final String CANARY = "canary-Pw-7c1";

    private static Driver load(Object... keysAndValues) {
        return loaded(keysAndValues).driver();
    }

    private static DriverLoader.Loaded loaded(Object... keysAndValues) {
        return DriverLoader.load("connections.pets", SqlSettings.from(section(keysAndValues)));
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void theDialectsDriverIsLoadedThroughTheContextClassLoader() {
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.DEBUG)) {
            assertThat(load("url", "h2:mem:x")).isInstanceOf(org.h2.Driver.class);
            assertThat(log.messages()).containsExactly(
                    "connections.pets: driver class org.h2.Driver loaded by the thread's context class loader");
        }
    }

    @Test
    void aContextClassLoaderThatCannotSeeTheDriverFallsBackToTheConnectorsOwn() {
        ClassLoader blind = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        };
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.DEBUG)) {
            assertThat(withContextClassLoader(blind, () -> load("url", "sqlite://"))).isInstanceOf(org.sqlite.JDBC.class);
            assertThat(log.messages()).containsExactly(
                    "connections.pets: driver class org.sqlite.JDBC not found by the thread's context class loader",
                    "connections.pets: driver class org.sqlite.JDBC loaded by the connector's class loader");
        }
    }

    @Test
    void driverManagerIsAskedLastForAUrlAnotherDriverServes() {
        // MariaDB's driver, registered with DriverManager, takes jdbc:mysql: URLs that permit it.
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.DEBUG)) {
            assertThat(load("url", "mysql://u@127.0.0.1:3306/db?permitMysqlScheme=true"))
                    .isInstanceOf(org.mariadb.jdbc.Driver.class);
            assertThat(log.messages()).endsWith("connections.pets: DriverManager gave org.mariadb.jdbc.Driver for"
                    + " jdbc:mysql://127.0.0.1:3306/db");
        }
    }

    @Test
    void aMissingDriverOfAKnownDialectGivesItsMavenCoordinates() {
        assertThatThrownBy(() -> load("url", "mssql+pyodbc://u@127.0.0.1:1433/db"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("No JDBC driver for mssql found for [connections.pets]: add the Maven dependency"
                        + " com.microsoft.sqlserver:mssql-jdbc to the class path. (Looked for class"
                        + " com.microsoft.sqlserver.jdbc.SQLServerDriver in the thread's context class loader and the"
                        + " connector's, and for a registered driver accepting jdbc:sqlserver://127.0.0.1:1433;databaseName=db.)");
    }

    @Test
    void aMysqlUrlOrMysqlPartsGoToMariaDbsDriverWhenMySqlsIsMissing() {
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.INFO)) {
            DriverLoader.Loaded url = loaded("url", "mysql+pymysql://u:" + CANARY + "@127.0.0.1:3306/db?charset=utf8mb4"
                    + "&ssl_password=" + CANARY);
            DriverLoader.Loaded parts = loaded("dialect", "mysql", "host", "db.example.com", "username", "u",
                    "password", CANARY, "query", Map.of("sslMode", "verify-full"));

            assertThat(url.driver()).isInstanceOf(org.mariadb.jdbc.Driver.class);
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/db?charset=utf8mb4");
            assertThat(parts.driver()).isInstanceOf(org.mariadb.jdbc.Driver.class);
            assertThat(parts.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.com/?sslMode=verify-full");
            assertThat(log.messages()).containsExactly(
                    "connections.pets: mysql:// served by the mariadb driver org.mariadb.jdbc.Driver at"
                            + " jdbc:mariadb://127.0.0.1:3306/db, as the mysql driver com.mysql.cj.jdbc.Driver is not on"
                            + " the class path",
                    "connections.pets: mysql:// served by the mariadb driver org.mariadb.jdbc.Driver at"
                            + " jdbc:mariadb://db.example.com/, as the mysql driver com.mysql.cj.jdbc.Driver is not on"
                            + " the class path");
            assertThat(log.fullTexts()).noneSatisfy(text -> assertThat(text).contains(CANARY));
        }
    }

    @Test
    void theUrlGivenToMariaDbsDriverForMysqlHoldsNoSecretAndItsPasswordIsAProperty() {
        SqlSettings settings = SqlSettings.from(section("url", "mysql://u:" + CANARY + "%40x@127.0.0.1:3306/db"
                + "?sslPassword=" + CANARY + "&connectTimeout=5000"));

        String given = DriverLoader.load("connections.pets", settings).jdbcUrl();

        assertThat(given).isEqualTo("jdbc:mariadb://127.0.0.1:3306/db?connectTimeout=5000");
        assertThat(JdbcUrl.read(given, section()::isSensitive).moved()).as("nothing left to move in MariaDB's syntax")
                .isEmpty();
        assertThat(settings.driverProperties()).containsEntry("user", "u").containsEntry("password", CANARY + "@x")
                .containsEntry("sslPassword", CANARY);
    }

    @Test
    void aJdbcMysqlUrlIsWrittenForMySqlsDriverSoMariaDbsIsOnlySuggested() {
        assertThatThrownBy(() -> load("url", "jdbc:mysql://u:" + CANARY + "@127.0.0.1:3306/db"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("No JDBC driver for mysql found for [connections.pets]: add the Maven dependency"
                        + " com.mysql:mysql-connector-j to the class path. (Looked for class com.mysql.cj.jdbc.Driver in"
                        + " the thread's context class loader and the connector's, and for a registered driver accepting"
                        + " jdbc:mysql://127.0.0.1:3306/db.) The mariadb driver (org.mariadb.jdbc.Driver) is on the class"
                        + " path: for a mariadb server write jdbc:mariadb: instead of jdbc:mysql:, or mysql://, which it"
                        + " serves.");
    }

    @Test
    void everyKnownDialectNamesItsDriversArtifact() {
        assertThat(Dialect.values()).extracting(Dialect::dialectName, Dialect::mavenCoordinates).containsExactly(
                org.assertj.core.groups.Tuple.tuple("postgresql", "org.postgresql:postgresql"),
                org.assertj.core.groups.Tuple.tuple("mysql", "com.mysql:mysql-connector-j"),
                org.assertj.core.groups.Tuple.tuple("mariadb", "org.mariadb.jdbc:mariadb-java-client"),
                org.assertj.core.groups.Tuple.tuple("mssql", "com.microsoft.sqlserver:mssql-jdbc"),
                org.assertj.core.groups.Tuple.tuple("sqlite", "org.xerial:sqlite-jdbc"),
                org.assertj.core.groups.Tuple.tuple("duckdb", "org.duckdb:duckdb_jdbc"),
                org.assertj.core.groups.Tuple.tuple("h2", "com.h2database:h2"));
        assertThatThrownBy(() -> load("url", "jdbc:mysql://h/db"))
                .hasMessageStartingWith("No JDBC driver for mysql found for [connections.pets]: add the Maven"
                        + " dependency com.mysql:mysql-connector-j to the class path.");
        assertThatThrownBy(() -> load("url", "mssql+pyodbc://u:p@h:1433/db"))
                .hasMessageStartingWith("No JDBC driver for mssql found for [connections.pets]: add the Maven"
                        + " dependency com.microsoft.sqlserver:mssql-jdbc to the class path.");
    }

    @Test
    void aMissingExplicitDriverClassIsNamedByItsKey() {
        assertThatThrownBy(() -> load("url", "postgresql://u@h/db", "driver", "com.example.NoDriver"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.driver: the JDBC driver class it names was found neither by the"
                        + " thread's context class loader nor by the connector's. Add the jar that holds it to the class"
                        + " path, or remove driver to use the postgresql driver, org.postgresql.Driver from"
                        + " org.postgresql:postgresql.");
    }

    @Test
    void anExplicitDriverClassIsUsedAndLoggedByItsKey() {
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.DEBUG)) {
            assertThat(load("url", "jdbc:h2:mem:x", "driver", "org.h2.Driver")).isInstanceOf(org.h2.Driver.class);
            assertThat(log.messages()).containsExactly("connections.pets.driver: the class connections.pets.driver"
                    + " names loaded by the thread's context class loader");
        }
    }

    @Test
    void aClassThatIsNoDriverIsRefused() {
        assertThatThrownBy(() -> load("url", "jdbc:h2:mem:x", "driver", "java.lang.String"))
                .hasMessage("connections.pets.driver: the class connections.pets.driver names is not a java.sql.Driver.");
    }

    @Test
    void anExplicitDriverThatRefusesTheUrlIsNamed() {
        assertThatThrownBy(() -> load("url", "jdbc:h2:mem:x;PASSWORD=secret", "driver", "org.sqlite.JDBC"))
                .hasMessage("connections.pets.driver: the JDBC driver class it names does not accept the URL"
                        + " jdbc:h2:mem:x. Check url (or dialect), or remove driver.");
    }

    @Test
    void aJdbcUrlOfAnUnknownDatabaseWithoutItsDriverSaysSo() {
        assertThatThrownBy(() -> load("url", "jdbc:oracle:thin:@//h:1521/svc"))
                .hasMessage("No JDBC driver for oracle found for [connections.pets]: no registered driver accepts"
                        + " jdbc:oracle:thin:@//h:1521/svc. Add the driver's jar to the class path, or set driver to"
                        + " its class name.");
    }

    @Test
    void aMissingDriverNamesWhereTheUrlLeadsWithoutItsPassword() {
        assertThatThrownBy(() -> load("url", "jdbc:oracle:thin:scott/tiger-canary@//db.example.com:1521/orcl"))
                .hasMessage("No JDBC driver for oracle found for [connections.pets]: no registered driver accepts"
                        + " jdbc:oracle:thin:@//db.example.com:1521/orcl. Add the driver's jar to the class"
                        + " path, or set driver to its class name.");
        assertThatThrownBy(() -> load("url", "jdbc:sqlserver://db;user=sa;password={a;b-canary}"))
                .hasMessageContaining("accepting jdbc:sqlserver://db.)")
                .hasMessageNotContaining("canary");
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.DEBUG)) {
            assertThatThrownBy(() -> load("url", "jdbc:mysql://(host=db,port=3306,user=app,password=Hunter2-canary)/pets"))
                    .hasMessageContaining("accepting jdbc:mysql://db:3306/pets.)")
                    .hasMessageNotContaining("canary");
            assertThatThrownBy(() -> load("url", "jdbc:sqlserver://db;user=sa;password=correct horse-canary;encrypt=true"))
                    .hasMessageNotContaining("canary");
            assertThat(log.fullTexts()).isNotEmpty().noneSatisfy(text -> assertThat(text).contains("canary"));
        }
    }
}
