package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password written inside a {@code jdbc:} URL reaches pgjdbc and MariaDB's driver as a property,
 * connecting works as with the password in the URL, and with every logger at TRACE and
 * {@code java.util.logging} at ALL (pgjdbc logs its URL there at FINE) no line holds it. On the
 * servers of this machine: PostgreSQL 127.0.0.1:5432 (trust: any password is accepted) and
 * MariaDB 127.0.0.1:3306, where a user is made with the password.
 */
@Tag("db")
class JdbcUrlPasswordDatabaseTest {

    @TempDir
    Path dir;

    private final MariaDbUsers users = new MariaDbUsers();

    private static String secret() {
        return "pw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void postgresqlGetsThePasswordOfItsUrlAsAPropertyAndLogsItsUrlWithout() throws SQLException {
        String secret = secret();

        JdbcUrlPasswordTest.Run run = JdbcUrlPasswordTest.connectAndQuery(dir,
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=" + secret + "&ApplicationName=ck-url",
                "select current_user", secret);

        assertThat(run.answerLoggingNo(secret)).isEqualTo("postgres");
        assertThat(run.logged()).as("pgjdbc's own log is seen").anyMatch(line -> line.contains(
                "Connecting with URL: jdbc:postgresql://127.0.0.1:5432/test?user=postgres&ApplicationName=ck-url"));
    }

    @Test
    void postgresqlUserInfoWhichPgjdbcCannotReadNowConnects() throws SQLException {
        String secret = secret();

        assertThat(JdbcUrlPasswordTest.connectAndQuery(dir, "jdbc:postgresql://postgres:" + secret + "@127.0.0.1:5432/test",
                "select current_user", secret).answerLoggingNo(secret)).isEqualTo("postgres");
    }

    @Test
    void mariadbChecksThePasswordOfItsUrlReadAsWritten() throws SQLException {
        String secret = secret();
        // MariaDB's driver reads URL parameters as written: %40 is three characters of the password.
        String user = mariadbUser(secret + "%40x");

        assertThat(JdbcUrlPasswordTest.connectAndQuery(dir, "jdbc:mariadb://127.0.0.1:3306/test?user=" + user
                + "&password=" + secret + "%40x&connectTimeout=5000", "select current_user()", secret)
                .answerLoggingNo(secret)).isEqualTo(user + "@%");
        assertThat(JdbcUrlPasswordTest.connectAndQuery(dir, "jdbc:mariadb://" + user + ":" + secret
                + "%2540x@127.0.0.1:3306/test", "select current_user()", secret)
                .answerLoggingNo(secret)).as("user info, %-decoded").isEqualTo(user + "@%");
        assertThat(JdbcUrlPasswordTest.connectAndQuery(dir, "mariadb://" + user + ":" + secret
                + "%2540x@127.0.0.1:3306/test", "select current_user()", secret)
                .answerLoggingNo(secret)).as("SQLAlchemy's user info").isEqualTo(user + "@%");
    }

    @Test
    void mariadbConnectArgsWinOverAPlaceholderInASqlAlchemyUrlAsInSqlAlchemy() {
        String secret = secret();
        String user = mariadbUser(secret);
        try (ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).watchSecrets(false).build()) {
            SQLConnection db = registry.request("pets").type("sql")
                    .option("url", "mariadb://" + user + ":placeholder@127.0.0.1:3306/test")
                    .option("connect_args", Map.of("password", secret)).option("retry_wait", 0).get(SQLConnection.class);

            assertThat(db.query("select current_user()", QueryOptions.noCache()).get(0, 0)).isEqualTo(user + "@%");
        }
    }

    /** A MariaDB user with {@code password}. */
    private String mariadbUser(String password) {
        return users.withPassword("ck_url_" + UUID.randomUUID().toString().substring(0, 8), password);
    }

    @AfterEach
    void dropUsers() {
        users.dropAll();
    }
}
