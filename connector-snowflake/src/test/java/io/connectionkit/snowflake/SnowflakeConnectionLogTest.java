package io.connectionkit.snowflake;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.LogCapture;
import io.connectionkit.snowflake.driver.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Neither our log nor the driver's, at its most verbose, shows a password, a key's passphrase or a
 * token: through a login, a query, a failing query, an expired session, a refused login, a key-pair
 * login with an encrypted key, and an OAuth login the emulator refuses.
 */
class SnowflakeConnectionLogTest {

    private static final String PASSWORD = "canary-Log-3kQ";
    private static final String PASSPHRASE = "canary-Phrase-8wE";
    private static final String TOKEN = "canary-Token-5rT";
    private static final java.security.KeyPair BOB = TestKeys.generate();
    private static final Logger DRIVER_LOG = Logger.getLogger("net.snowflake");
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

    private ConnectionRegistry registry(String password) {
        return registry("alice", "password = \"" + password + "\"");
    }

    private ConnectionRegistry registry(String user, String credentials) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).environment(Map.of())
                .secretsToml("""
                        [connections.snow]
                        type = "snowflake"
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
    void noLogLineOfOursOrOfTheDriverAtItsMostVerboseShowsAPasswordPassphraseOrToken() throws Exception {
        Level before = DRIVER_LOG.getLevel();
        try (LogCapture logs = LogCapture.everything()) {
            DRIVER_LOG.setLevel(Level.ALL);
            try (ConnectionRegistry registry = registry(PASSWORD)) {
                SnowflakeConnection snow = registry.get("snow", SnowflakeConnection.class);
                snow.query("select 1 as one", QueryOptions.noCache());
                assertThatThrownBy(() -> snow.query("select * from no_such_table", QueryOptions.noCache()))
                        .isInstanceOf(QueryException.class);
                emulator.faults().expireMasterTokens();
                snow.query("select 2 as two", QueryOptions.noCache());
            }
            try (ConnectionRegistry wrong = registry(PASSWORD + "-wrong")) {
                assertThatThrownBy(() -> wrong.get("snow", SnowflakeConnection.class))
                        .isInstanceOf(ConnectionException.class);
            }

            Path key = TestKeys.writeEncryptedPem(dir.resolve("bob.p8"), BOB.getPrivate(), PASSPHRASE);
            try (ConnectionRegistry keyPair = registry("bob", "authenticator = \"SNOWFLAKE_JWT\"\nprivate_key_file = \""
                    + key.toString().replace("\\", "\\\\") + "\"\nprivate_key_file_pwd = \"" + PASSPHRASE + "\"")) {
                assertThat(keyPair.get("snow", SnowflakeConnection.class).query("select current_user() as u").get(0, "U"))
                        .isEqualTo("BOB");
            }
            try (ConnectionRegistry oauth = registry("alice", "authenticator = \"oauth\"\ntoken = \"" + TOKEN + "\"")) {
                assertThatThrownBy(() -> oauth.get("snow", SnowflakeConnection.class))
                        .isInstanceOf(ConnectionException.class)
                        .satisfies(e -> assertThat(Exceptions.fullText(e)).doesNotContain(TOKEN));
            }

            assertThat(logs.fullTexts()).as("the driver logged at its most verbose").hasSizeGreaterThan(50)
                    .anySatisfy(line -> assertThat(line).startsWith("net.snowflake"))
                    .noneSatisfy(line -> assertThat(line).contains(PASSWORD))
                    .noneSatisfy(line -> assertThat(line).contains(PASSPHRASE))
                    .noneSatisfy(line -> assertThat(line).contains(TOKEN));
        } finally {
            DRIVER_LOG.setLevel(before);
            emulator.faults().clear();
        }
    }
}
