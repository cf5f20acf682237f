package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code mysql://} URL, or {@code dialect = "mysql"}, served by MariaDB's driver, the only one of
 * the two on the test class path, against the MariaDB server of this machine (127.0.0.1:3306).
 */
@Tag("db")
class MysqlUrlOnMariaDbTest {

    @TempDir
    Path dir;

    private final MariaDbUsers users = new MariaDbUsers();

    @AfterEach
    void dropUsers() {
        users.dropAll();
    }

    private SQLConnection connect(ConnectionRegistry registry) {
        return registry.get("pets", SQLConnection.class);
    }

    private ConnectionRegistry registry(String toml) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).watchSecrets(false)
                .secretsToml("[connections.pets]\ntype = \"sql\"\nretry_wait = 0\n" + toml).build();
    }

    @Test
    void aMysqlUrlRunsOnMariaDbsDriverAndTheLogSaysSo() {
        try (LogCapture log = LogCapture.of(DriverLoader.class, Level.INFO);
             ConnectionRegistry registry = registry("url = \"mysql://root@127.0.0.1:3306/test\"\n")) {
            SQLConnection db = connect(registry);

            assertThat(db.query("select 1 as one", QueryOptions.noCache()).get(0, "one")).isEqualTo(1L);
            assertThat(db.dialect()).isEqualTo("mysql");
            assertThat(log.messages()).containsExactly("connections.pets: mysql:// served by the mariadb driver"
                    + " org.mariadb.jdbc.Driver at jdbc:mariadb://127.0.0.1:3306/test, as the mysql driver"
                    + " com.mysql.cj.jdbc.Driver is not on the class path");
        }
    }

    @Test
    void mysqlPartsRunOnMariaDbsDriver() {
        try (ConnectionRegistry registry = registry("dialect = \"mysql\"\nhost = \"127.0.0.1\"\nport = 3306\n"
                + "username = \"root\"\ndatabase = \"test\"\n")) {
            assertThat(connect(registry).query("select database() as db", QueryOptions.noCache()).get(0, "db"))
                    .isEqualTo("test");
        }
    }

    @Test
    void thePasswordOfAMysqlUrlReachesMariaDbsDriverAsAPropertyAndNoLogHoldsIt() throws SQLException {
        String secret = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        String user = users.withPassword("ck_my_" + UUID.randomUUID().toString().substring(0, 8), secret + "@x");

        assertThat(JdbcUrlPasswordTest.connectAndQuery(dir, "mysql+pymysql://" + user + ":" + secret
                + "%40x@127.0.0.1:3306/test?charset=utf8mb4", "select current_user()", secret)
                .answerLoggingNo(secret)).isEqualTo(user + "@%");
    }
}
