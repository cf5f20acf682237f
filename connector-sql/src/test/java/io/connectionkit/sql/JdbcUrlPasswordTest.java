package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import io.connectionkit.api.ConnectionConfig;
import java.util.function.Predicate;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password written inside a {@code jdbc:} URL reaches the embedded databases' real drivers as
 * a property, and connecting works as it did with the password in the URL; with every logger at
 * TRACE and {@code java.util.logging} at ALL, no line holds it.
 */
class JdbcUrlPasswordTest {

    private static final Predicate<String> SECRET = ConnectionConfig.empty("connections.t")::isSensitive;

    @TempDir
    Path dir;

    /** What a connection answered, and every line logged meanwhile. */
    record Run(Object answer, List<String> logged) {

        /** The answer, after checking that no logged line holds {@code secret}. */
        Object answerLoggingNo(String secret) {
            assertThat(logged).as("what was logged").isNotEmpty().noneSatisfy(line -> assertThat(line).contains(secret));
            return answer;
        }
    }

    /**
     * Connects to {@code url} as an application does, with every logger at TRACE and
     * {@code java.util.logging} at ALL, runs {@code sql}, and closes; fails when {@code secret}
     * shows in the connection's {@code toString()}, its pool's, or the URL the driver holds.
     */
    static Run connectAndQuery(Path dir, String url, String sql, String secret) throws SQLException {
        Object answer;
        try (LogCapture logs = LogCapture.everything()) {
            try (ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                    .workingDirectory(dir).watchSecrets(false).build()) {
                SQLConnection db = registry.request("pets").type("sql").option("url", url).option("retry_wait", 0)
                        .get(SQLConnection.class);
                answer = db.query(sql, QueryOptions.noCache()).get(0, 0);
                try (Connection connection = db.connect()) {
                    assertThat(connection.getMetaData().getURL()).as("the URL the driver holds").doesNotContain(secret);
                }
                assertThat(db.toString()).doesNotContain(secret);
                assertThat(String.valueOf(db.dataSource())).doesNotContain(secret);
            }
            return new Run(answer, logs.fullTexts());
        }
    }

    private static String secret() {
        return "pw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Makes the in-memory database {@code url} with user {@code sa} and {@code password}, kept while open. */
    private static Connection h2Owner(String url, String password) throws SQLException {
        Properties owner = new Properties();
        owner.setProperty("user", "sa");
        owner.setProperty("password", password);
        return DriverManager.getConnection(url, owner);
    }

    @Test
    void h2ChecksThePasswordTakenOutOfItsUrl() throws SQLException {
        String name = "jdbc:h2:mem:url_pw_" + UUID.randomUUID().toString().replace("-", "");
        String secret = secret();
        try (Connection keepsTheDatabase = h2Owner(name, secret + ";x")) {
            assertThat(connectAndQuery(dir, name + ";USER=sa;PASSWORD=" + secret + "\\;x", "select current_user()", secret)
                    .answerLoggingNo(secret)).isEqualTo("SA");
            assertThatThrownBy(() -> connectAndQuery(dir, name + ";USER=sa;PASSWORD=wrong-" + secret, "select 1", secret))
                    .hasMessageContaining("Wrong user name or password");
        }
    }

    @Test
    void h2sShortFormWithAPasswordAlsoGivenAsAQueryEntryConnectsAsAJdbcH2UrlDoes() throws SQLException {
        String name = "url_pw_" + UUID.randomUUID().toString().replace("-", "");
        String secret = secret();
        try (Connection keepsTheDatabase = h2Owner("jdbc:h2:mem:" + name, secret);
             ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                     .workingDirectory(dir).watchSecrets(false).build()) {
            SQLConnection db = registry.request("pets").type("sql").option("url", "h2:mem:" + name + ";USER=sa;PASSWORD=" + secret)
                    .option("query", Map.of("PASSWORD", "ignored-" + secret)).get(SQLConnection.class);

            assertThat(db.query("select current_user()", QueryOptions.noCache()).get(0, 0)).isEqualTo("SA");
        }
    }

    @Test
    void sqliteTakesItsPasswordPragmaAsAPropertyThoughItLogsThePragmaItRuns() throws SQLException {
        String secret = secret();
        String url = "jdbc:sqlite:" + dir.resolve("pets.db") + "?PASSWORD=" + secret + "&journal_mode=WAL";

        Run run = connectAndQuery(dir, url, "pragma journal_mode", secret);

        assertThat(run.answer()).isEqualTo("wal");
        assertThat(SqlUrl.parse(url, Map.of(), SECRET).urlProperties()).containsEntry("password", secret);
        // sqlite-jdbc logs at TRACE each statement it runs, the pragma that applies the password too,
        // wherever the password came from: that line, and no other, holds it.
        assertThat(run.logged()).filteredOn(line -> line.contains(secret)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("[SQLite EXEC] pragma key = '" + secret + "'"));
    }

    @Test
    void duckdbTakesASecretSettingOfItsUrlAsAProperty() throws SQLException {
        String secret = secret();

        assertThat(connectAndQuery(dir, "jdbc:duckdb:;threads=2;http_proxy_password=" + secret,
                "select current_setting('http_proxy_password') || '/' || current_setting('threads')", secret)
                .answerLoggingNo(secret)).isEqualTo(secret + "/2");
    }
}
