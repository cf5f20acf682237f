package io.connectionkit.snowpark;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.driver.TestKeys;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.util.Throwables.getStackTrace;

/**
 * No log line of ours, of Snowpark's or of the driver's at its most verbose, no message and no
 * {@code toString()} shows a password, a key's passphrase, a private key or a token: through a
 * login, DataFrames, a failing query, an expired session, a refused login, key-pair logins with an
 * encrypted key file and with a key written into the secrets, and an OAuth login the emulator
 * refuses.
 */
class SnowparkConnectionLogTest {

    private static final String PASSWORD = "canary-Log-9pZ";
    private static final String PASSPHRASE = "canary-Phrase-2mV";
    private static final String TOKEN = "canary-Token-4hN";
    private static final KeyPair BOB = TestKeys.generate();
    /** The private key as Snowpark is given it (one line of Base64) and as the secrets hold it (PEM lines): a stretch of each. */
    private static final String KEY_TEXT = Base64.getEncoder().encodeToString(BOB.getPrivate().getEncoded()).substring(100, 160);
    private static final String KEY_LINE = TestKeys.pem(BOB.getPrivate()).lines().skip(3).findFirst().orElseThrow();
    private static final Logger DRIVER_LOG = Logger.getLogger("net.snowflake");
    /** Quiet in the other tests (logback-test.xml); here at its most verbose. */
    private static final ch.qos.logback.classic.Logger SNOWPARK_STATEMENT_LOG = (ch.qos.logback.classic.Logger)
            LoggerFactory.getLogger("com.snowflake.snowpark.internal.ServerConnection");
    private static SnowflakeEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() {
        emulator = SnowflakeEmulator.builder().user("alice", PASSWORD).user("bob", BOB.getPublic()).database("PETS")
                .start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private ConnectionRegistry registry(String user, String credentials) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).environment(Map.of())
                .secretsToml("""
                        [connections.park]
                        type = "snowpark"
                        account = "%s"
                        user = "%s"
                        %s
                        host = "127.0.0.1"
                        port = %d
                        protocol = "http"
                        database = "PETS"
                        retry_wait = 0
                        """.formatted(emulator.account(), user, credentials, emulator.port())).build();
    }

    @Test
    void noLogLineMessageOrToStringShowsAPasswordPassphraseOrToken() throws Exception {
        Level before = DRIVER_LOG.getLevel();
        ch.qos.logback.classic.Level statementsBefore = SNOWPARK_STATEMENT_LOG.getLevel();
        StringBuilder shown = new StringBuilder();
        try (LogCapture logs = LogCapture.everything()) {
            DRIVER_LOG.setLevel(Level.ALL);
            SNOWPARK_STATEMENT_LOG.setLevel(ch.qos.logback.classic.Level.TRACE);
            try (ConnectionRegistry registry = registry("alice", "password = \"" + PASSWORD + "\"")) {
                SnowparkConnection park = registry.get("park", SnowparkConnection.class);
                shown.append(park).append(park.config()).append(park.config().masked());
                park.query("select 1 as one", QueryOptions.noCache());
                park.withSession(session -> session.sql("select 2 as two").collect());
                assertThatThrownBy(() -> park.query("select * from no_such_table", QueryOptions.noCache()))
                        .isInstanceOf(QueryException.class)
                        .satisfies(e -> shown.append(getStackTrace(e)));
                emulator.faults().expireMasterTokens();
                park.query("select 3 as three", QueryOptions.noCache());
            }
            try (ConnectionRegistry wrong = registry("alice", "password = \"" + PASSWORD + "-wrong\"")) {
                assertThatThrownBy(() -> wrong.get("park", SnowparkConnection.class))
                        .isInstanceOf(ConnectionException.class)
                        .satisfies(e -> shown.append(getStackTrace(e)));
            }

            Path key = TestKeys.writeEncryptedPem(dir.resolve("bob.p8"), BOB.getPrivate(), PASSPHRASE);
            try (ConnectionRegistry keyPair = registry("bob", "authenticator = \"SNOWFLAKE_JWT\"\nprivate_key_file = \""
                    + key.toString().replace("\\", "\\\\") + "\"\nprivate_key_file_pwd = \"" + PASSPHRASE + "\"")) {
                SnowparkConnection park = keyPair.get("park", SnowparkConnection.class);
                shown.append(park).append(park.config().masked());
                assertThat(park.query("select current_user() as u").get(0, "U")).isEqualTo("BOB");
            }
            String inlineKey = TestKeys.pem(BOB.getPrivate());
            try (ConnectionRegistry inline = registry("bob", "authenticator = \"SNOWFLAKE_JWT\"\nprivate_key = \"\"\"\n"
                    + inlineKey + "\"\"\"")) {
                SnowparkConnection park = inline.get("park", SnowparkConnection.class);
                shown.append(park).append(park.config().masked());
                assertThat(park.query("select current_user() as u").get(0, "U")).isEqualTo("BOB");
            }
            try (ConnectionRegistry oauth = registry("alice", "authenticator = \"oauth\"\ntoken = \"" + TOKEN + "\"")) {
                assertThatThrownBy(() -> oauth.get("park", SnowparkConnection.class))
                        .isInstanceOf(ConnectionException.class)
                        .satisfies(e -> shown.append(getStackTrace(e)));
            }

            assertThat(logs.fullTexts()).as("Snowpark and the driver logged at their most verbose")
                    .hasSizeGreaterThan(50)
                    .anySatisfy(line -> assertThat(line).startsWith("net.snowflake"))
                    .noneSatisfy(line -> assertThat(line).contains(PASSWORD))
                    .noneSatisfy(line -> assertThat(line).contains(PASSPHRASE))
                    .noneSatisfy(line -> assertThat(line).contains(TOKEN))
                    .noneSatisfy(line -> assertThat(line).contains(KEY_TEXT))
                    .noneSatisfy(line -> assertThat(line).contains(KEY_LINE));
            assertThat(logs.events()).as("Snowpark logged through SLF4J")
                    .anySatisfy(event -> assertThat(event.getLoggerName()).startsWith("com.snowflake.snowpark"));
            assertThat(shown.toString()).contains("park").doesNotContain(PASSWORD).doesNotContain(PASSPHRASE)
                    .doesNotContain(TOKEN).doesNotContain(KEY_TEXT).doesNotContain(KEY_LINE);
        } finally {
            DRIVER_LOG.setLevel(before);
            SNOWPARK_STATEMENT_LOG.setLevel(statementsBefore);
            emulator.faults().clear();
        }
    }
}
