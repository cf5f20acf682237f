package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginEndToEndTest {
    private static KeyPair bobKeys;
    private static SnowflakeEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        bobKeys = KeyPairs.generate();
        emulator =
                SnowflakeEmulator.builder()
                        .account("TESTACC")
                        .user("alice", "s3cret")
                        .user("bob", bobKeys.getPublic())
                        .database("PETS")
                        .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void runsTheDriverMajorVersionThisTestRunIsFor() throws SQLException {
        int expected = Integer.parseInt(System.getProperty("expected.snowflake.driver.major", "3"));
        assertThat(DriverManager.getDriver(emulator.jdbcUrl()).getMajorVersion())
                .as("the Snowflake JDBC driver on this test run's class path")
                .isEqualTo(expected);
    }

    @Test
    void logsInWithAPasswordIntoTheDatabaseAndSchemaItNames() throws SQLException {
        try (Connection connection =
                        Jdbc.connect(
                                emulator, "alice", "s3cret", "db", "PETS", "schema", "PUBLIC");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select current_user(), current_database(), current_schema(), current_account()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ALICE");
            assertThat(rows.getString(2)).isEqualTo("PETS");
            assertThat(rows.getString(3)).isEqualTo("PUBLIC");
            assertThat(rows.getString(4)).isEqualTo("TESTACC");
            assertThat(connection.getCatalog()).isEqualTo("PETS");
            assertThat(connection.getSchema()).isEqualTo("PUBLIC");
        }
    }

    @Test
    void refusesAWrongPasswordWithoutRepeatingIt() {
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class,
                        () -> Jdbc.connect(emulator, "alice", "not-the-s3cret"));

        assertThat(refused.getErrorCode()).isEqualTo(390100);
        assertThat(refused.getSQLState()).isEqualTo("08001");
        assertThat(refused.getMessage())
                .contains("Incorrect username or password was specified.")
                .doesNotContain("not-the-s3cret");
    }

    @Test
    void refusesAnUnknownUserAsAWrongPassword() {
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class, () -> Jdbc.connect(emulator, "mallory", "s3cret"));

        assertThat(refused.getErrorCode()).isEqualTo(390100);
        assertThat(refused.getSQLState()).isEqualTo("08001");
    }

    @Test
    void refusesALoginToAnotherAccount() throws SQLException {
        Properties properties = Jdbc.properties("alice", "password", "s3cret");
        String otherAccount = emulator.jdbcUrl().replace("account=TESTACC", "account=OTHER");

        SQLException refused =
                catchThrowableOfType(
                        SQLException.class,
                        () -> DriverManager.getConnection(otherAccount, properties));

        assertThat(refused.getErrorCode()).isEqualTo(390100);
    }

    @Test
    void logsInWithAKeyPair() throws SQLException {
        Properties properties = Jdbc.properties("bob", "db", "PETS");
        properties.put("privateKey", bobKeys.getPrivate());

        try (Connection connection = Jdbc.connect(emulator, properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_user()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("BOB");
        }
    }

    @Test
    void logsInWithAPrivateKeyFile(@TempDir Path directory) throws Exception {
        Path keyFile = KeyPairs.writePem(directory.resolve("bob.p8"), bobKeys.getPrivate());
        Properties properties =
                Jdbc.properties(
                        "bob",
                        "private_key_file",
                        keyFile.toString(),
                        "authenticator",
                        "SNOWFLAKE_JWT");

        try (Connection connection = Jdbc.connect(emulator, properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_user()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("BOB");
        }
    }

    @Test
    void refusesAKeyPairThatIsNotTheRegisteredOne() throws Exception {
        Properties properties = Jdbc.properties("bob");
        properties.put("privateKey", KeyPairs.generate().getPrivate());

        SQLException refused =
                catchThrowableOfType(SQLException.class, () -> Jdbc.connect(emulator, properties));

        assertThat(refused.getErrorCode()).isEqualTo(390144);
        assertThat(refused.getSQLState()).isEqualTo("08001");
        assertThat(refused.getMessage()).contains("JWT token is invalid");
    }

    @Test
    void refusesAKeyPairForAUserWithOnlyAPassword() throws Exception {
        Properties properties = Jdbc.properties("alice");
        properties.put("privateKey", bobKeys.getPrivate());

        SQLException refused =
                catchThrowableOfType(SQLException.class, () -> Jdbc.connect(emulator, properties));

        assertThat(refused.getErrorCode()).isEqualTo(390144);
    }

    @Test
    void startsInTheDefaultDatabaseWhenTheConnectionNamesNone() throws SQLException {
        try (Connection connection = Jdbc.connect(emulator, "alice", "s3cret");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select current_database(), current_role()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(SnowflakeEmulator.DEFAULT_DATABASE);
            assertThat(rows.getString(2)).isEqualTo("PUBLIC");
        }
    }
}
