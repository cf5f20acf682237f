package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.connectionkit.sql.Configs.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlPoolTest {

    private static final String CANARY = "canary-Pw-123";

    private static String uniqueH2() {
        return "h2:mem:pool-" + UUID.randomUUID();
    }

    private static HikariDataSource open(Object... keysAndValues) throws SQLException {
        return SqlPool.open("connections.pets", SqlSettings.from(section(keysAndValues)));
    }

    private static Object selectOne(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1")) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void h2InMemoryPoolOpensRunsAQueryAndKeepsItsDatabaseBetweenConnections() throws SQLException {
        try (HikariDataSource pool = open("url", uniqueH2())) {
            assertThat(pool.getPoolName()).isEqualTo("connectionkit-pets");
            assertThat(selectOne(pool)).isEqualTo(1);

            execute(pool, "create table pets(name varchar(20))");
            execute(pool, "insert into pets values ('Rex')");
            pool.getHikariPoolMXBean().softEvictConnections();

            assertThat(count(pool, "pets")).isEqualTo(1);
        }
    }

    @Test
    void sqliteFilePoolOpensAndRunsAQuery(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("pets.db");
        try (HikariDataSource pool = open("url", "sqlite:///" + file)) {
            assertThat(selectOne(pool)).isEqualTo(1);
            execute(pool, "create table pets(name text)");
            execute(pool, "insert into pets values ('Rex')");
            assertThat(count(pool, "pets")).isEqualTo(1);
        }
        assertThat(file).exists();
    }

    @Test
    void sqliteInMemoryPoolKeepsItsOneConnectionSoTheDatabaseLives() throws SQLException {
        try (HikariDataSource pool = open("url", "sqlite://")) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(pool.getMaxLifetime()).isZero();

            execute(pool, "create table pets(name text)");
            execute(pool, "insert into pets values ('Rex')");

            assertThat(count(pool, "pets")).isEqualTo(1);
        }
    }

    @Test
    void poolSettingsReachTheConnections() throws SQLException {
        try (HikariDataSource pool = open("url", uniqueH2(), "create_engine_kwargs", Map.of("pool_size", 2L,
                "max_overflow", 1L, "autocommit", false, "isolation_level", "SERIALIZABLE"))) {
            assertThat(pool.getMinimumIdle()).isEqualTo(2);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.getAutoCommit()).isFalse();
                assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            }
        }
    }

    @Test
    void aPoolRecycledSoonOpensWithoutHikariWarnings() throws SQLException {
        for (long seconds : new long[] {60, 300}) {
            try (LogCapture log = LogCapture.all(Level.WARN);
                 HikariDataSource pool = open("url", uniqueH2(), "pool_recycle", seconds)) {
                assertThat(pool.getMaxLifetime()).isEqualTo(seconds * 1000);
                assertThat(log.messages()).as("recycled after %d s", seconds).isEmpty();
            }
        }
    }

    @Test
    void openingIsLoggedOnceAtInfoWithoutCredentials() throws SQLException {
        String url = uniqueH2();
        try (LogCapture log = LogCapture.of(SqlPool.class, Level.INFO);
             HikariDataSource ignored = open("url", url, "username", "sa", "password", CANARY)) {
            assertThat(log.messages()).containsExactly("Opened pool connectionkit-pets for h2 at jdbc:" + url);
        }
    }

    @Test
    void thePasswordShowsInNoLogLineAtAnyLevel() throws SQLException {
        try (LogCapture log = LogCapture.all(Level.TRACE)) {
            try (HikariDataSource pool = open("url", uniqueH2(), "username", "sa", "password", CANARY, "echo", true)) {
                assertThat(selectOne(pool)).isEqualTo(1);
                assertThat(pool.toString()).doesNotContain(CANARY);
                assertThat(pool.getDataSource().toString()).doesNotContain(CANARY);
            }
            assertThat(log.messages()).anySatisfy(message -> assertThat(message).contains("connectionkit-pets"));
            assertThat(log.fullTexts()).noneSatisfy(text -> assertThat(text).contains(CANARY));
        }
    }

    @Test
    void aDatabaseThatRefusesFailsAtOpenWithTheDriversException() throws SQLException {
        String url = uniqueH2();
        try (HikariDataSource first = open("url", url, "username", "sa", "password", "right-one")) {
            assertThat(selectOne(first)).isEqualTo(1);

            assertThatThrownBy(() -> open("url", url, "username", "sa", "password", CANARY))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("Wrong user name or password")
                    .hasMessageEndingWith(" (at jdbc:" + url + ")")
                    .hasMessageNotContaining(CANARY)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                    .cause().isInstanceOf(SQLException.class).hasMessageStartingWith("Wrong user name or password");
        }
    }

    @Test
    void aFailedConnectSaysWhereAndNoPartOfAPasswordWrittenInTheUrl() {
        assertThatThrownBy(() -> open("url", "jdbc:h2:tcp://127.0.0.1:1/pets;USER=sa;PASSWORD=correct horse " + CANARY))
                .isInstanceOf(SQLException.class)
                .hasMessageEndingWith(" (at jdbc:h2:tcp://127.0.0.1:1/pets)")
                .hasMessageNotContaining(CANARY);
        assertThat(SqlUrl.location("jdbc:postgresql://app:pass word@db:5432/pets?sslpassword=a b&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/pets");
        assertThat(SqlUrl.location("jdbc:oracle:thin:scott/ti ger@db:1521/orcl")).isEqualTo("jdbc:oracle:thin:@db:1521/orcl");
        assertThat(SqlUrl.location("jdbc:sqlserver://db:1433;databaseName=pets;password={a;b}"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=pets");
        assertThat(SqlUrl.location("jdbc:mysql://app:pa?ss w/ord@db:3306/pets")).as("unreadable: the scheme only")
                .isEqualTo("jdbc:mysql:…");
        assertThat(SqlUrl.location("jdbc:mysql://(host=db,port=3306,user=app,password=pass word)/pets"))
                .isEqualTo("jdbc:mysql://db:3306/pets");
    }

    @Test
    void aMissingDirectoryFailsAtOpen(@TempDir Path dir) {
        assertThatThrownBy(() -> open("url", "sqlite:///" + dir.resolve("no/such/dir/pets.db")))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aMissingDriverFailsAtOpenWithTheMavenCoordinates() {
        assertThatThrownBy(() -> open("url", "mssql+pyodbc://u:" + CANARY + "@127.0.0.1:1433/db"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("add the Maven dependency com.microsoft.sqlserver:mssql-jdbc")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }

    @Test
    void poolNamesAreReadable() {
        assertThat(SqlPool.poolName("connections.pets")).isEqualTo("connectionkit-pets");
        assertThat(SqlPool.poolName("connections.my pets:prod")).isEqualTo("connectionkit-my-pets-prod");
        assertThat(SqlPool.poolName("other.place")).isEqualTo("connectionkit-other.place");
    }

    @Test
    void theRegistryOpensAPoolFromSecrets(@TempDir Path dir) throws SQLException {
        String toml = "[connections.pets]\ntype = \"sql\"\nurl = \"" + uniqueH2() + "\"\nretry_wait = 0\n";
        DataSource dataSource;
        try (ConnectionRegistry registry = ConnectionRegistry.builder().homeDirectory(dir).workingDirectory(dir)
                .watchSecrets(false).secretsToml(toml).build()) {
            SQLConnection pets = registry.get("pets", SQLConnection.class);
            dataSource = pets.dataSource();
            assertThat(pets.dialect()).isEqualTo("h2");
            assertThat(selectOne(dataSource)).isEqualTo(1);
        }
        assertThat(((HikariDataSource) dataSource).isClosed()).isTrue();
    }

    @Test
    void theRegistrySaysWhereTheMissingConfigurationWasSought(@TempDir Path dir) {
        try (ConnectionRegistry registry = ConnectionRegistry.builder().homeDirectory(dir).workingDirectory(dir)
                .watchSecrets(false).secretsToml("[connections.other]\nurl = \"h2:mem:x\"\n").build()) {
            assertThatThrownBy(() -> registry.get("pets", "sql"))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageStartingWith("Missing SQL connection configuration for [connections.pets]: secrets.toml"
                            + " and the options give none of url,")
                    .hasMessageContaining("have no [connections.pets] section");
        }
    }
}
