package io.connectionkit.sql;

import ch.qos.logback.classic.Level;
import io.connectionkit.api.ConnectionConfigException;
import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.util.function.Supplier;

import static io.connectionkit.sql.Configs.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverLoaderTest {

    private static Driver load(Object... keysAndValues) {
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
        assertThatThrownBy(() -> load("url", "mysql://u@127.0.0.1:3306/db"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("No JDBC driver for mysql found for [connections.pets]: add the Maven dependency"
                        + " com.mysql:mysql-connector-j to the class path. (Looked for class com.mysql.cj.jdbc.Driver in"
                        + " the thread's context class loader and the connector's, and for a registered driver accepting"
                        + " jdbc:mysql://127.0.0.1:3306/db.)");
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
        assertThatThrownBy(() -> load("url", "mysql://u@h/db"))
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
