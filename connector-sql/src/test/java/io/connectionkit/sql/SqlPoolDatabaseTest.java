package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static io.connectionkit.sql.Configs.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pools on the servers of this machine: PostgreSQL at 127.0.0.1:5432 (user postgres, trust,
 * database test) and MariaDB at 127.0.0.1:3306 (root, no password, database test). Run with
 * {@code -Dsurefire.groups=db -Dsurefire.excludedGroups=}.
 */
@Tag("db")
class SqlPoolDatabaseTest {

    private static HikariDataSource open(Object... keysAndValues) throws SQLException {
        return SqlPool.open("connections.pets", SqlSettings.from(section(keysAndValues)));
    }

    private static Object selectOne(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1")) {
            rows.next();
            return rows.getObject(1);
        }
    }

    @Test
    void postgresqlUrlOpensAPoolAndLogsItWithoutCredentials() throws SQLException {
        try (LogCapture log = LogCapture.all(Level.DEBUG);
             HikariDataSource pool = open("url", "postgresql+psycopg2://postgres:canary-Pw-123@127.0.0.1:5432/test")) {
            assertThat(selectOne(pool)).isEqualTo(1);
            assertThat(log.messages()).contains(
                    "Opened pool connectionkit-pets for postgresql at jdbc:postgresql://127.0.0.1:5432/test");
            assertThat(log.fullTexts()).noneSatisfy(text -> assertThat(text).contains("canary-Pw-123"));
        }
    }

    @Test
    void postgresqlPartsWithPoolSettings() throws SQLException {
        try (HikariDataSource pool = open("dialect", "postgresql", "host", "127.0.0.1", "port", "5432", "database", "test",
                "username", "postgres", "query", Map.of("ApplicationName", "connectionkit-test"),
                "create_engine_kwargs", Map.of("isolation_level", "REPEATABLE READ", "autocommit", false))) {
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("show application_name")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("connectionkit-test");
                assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
                assertThat(connection.getAutoCommit()).isFalse();
            }
        }
    }

    @Test
    void aMissingPostgresqlDatabaseFailsAtOpenWithTheDriversException() {
        assertThatThrownBy(() -> open("url", "postgresql://postgres@127.0.0.1:5432/no_such_database"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void mariadbUrlOpensAPool() throws SQLException {
        try (HikariDataSource pool = open("url", "mariadb://root@127.0.0.1:3306/test")) {
            assertThat(selectOne(pool)).isIn(1, 1L);
        }
    }
}
