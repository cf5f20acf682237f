package io.connectionkit.snowflake;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.LogCapture;
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
 * Neither our log nor the driver's, at its most verbose, shows the password: through a login, a
 * query, a failing query, an expired session and a refused login.
 */
class SnowflakeConnectionLogTest {

    private static final String PASSWORD = "canary-Log-3kQ";
    private static final Logger DRIVER_LOG = Logger.getLogger("net.snowflake");
    private static SnowflakeEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() {
        emulator = SnowflakeEmulator.builder().user("alice", PASSWORD).database("PETS").start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private ConnectionRegistry registry(String password) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).environment(Map.of())
                .secretsToml("""
                        [connections.snow]
                        type = "snowflake"
                        account = "%s"
                        user = "alice"
                        password = "%s"
                        host = "127.0.0.1"
                        port = %d
                        protocol = "http"
                        database = "PETS"
                        retry_wait = 0
                        """.formatted(emulator.account(), password, emulator.port())).build();
    }

    @Test
    void noLogLineOfOursOrOfTheDriverAtItsMostVerboseShowsThePassword() {
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

            assertThat(logs.fullTexts()).as("the driver logged at its most verbose").hasSizeGreaterThan(50)
                    .anySatisfy(line -> assertThat(line).startsWith("net.snowflake"))
                    .noneSatisfy(line -> assertThat(line).contains(PASSWORD));
        } finally {
            DRIVER_LOG.setLevel(before);
            emulator.faults().clear();
        }
    }
}
