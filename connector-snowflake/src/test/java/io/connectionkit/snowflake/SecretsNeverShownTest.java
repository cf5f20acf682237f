package io.connectionkit.snowflake;

import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A password, wherever it is written, shows in no URL, no toString() and no message. */
class SecretsNeverShownTest {

    private static final String CANARY = "canary-Pw-7Q";

    @TempDir
    Path home;

    @Test
    void passwordIsInNeitherTheUrlNorToString() {
        SnowflakeSettings settings = new TestContext("sf", home).secret("account", "a").secret("user", "u")
                .secret("password", CANARY).secret("token", CANARY + "-tok").resolve();

        assertThat(settings.jdbcUrl()).doesNotContain(CANARY);
        assertThat(settings.toString()).doesNotContain(CANARY);
        assertThat(settings.driverProperties()).containsEntry("password", CANARY);
    }

    @Test
    void passwordOfAFileConnectionIsMaskedByTheConfigurationUsed() {
        SnowflakeSettings settings = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\nuser = \"u\"\npassword = \"" + CANARY + "\"\n").resolve();

        assertThat(settings.config().mask("x " + CANARY + " y")).isEqualTo("x **** y");
        assertThat(settings.config().toString()).doesNotContain(CANARY);
        assertThat(settings.toString()).doesNotContain(CANARY);
    }

    @Test
    void optionsOverAFileConnectionAreMaskedToo() {
        SnowflakeSettings settings = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\nuser = \"u\"\n").option("password", CANARY).resolve();

        assertThat(settings.config().mask("x " + CANARY + " y")).isEqualTo("x **** y");
    }

    @Test
    void passwordWrittenWhereAnotherValueBelongsIsInNoMessage() {
        List<UnaryOperator<TestContext>> mistakes = List.of(
                c -> c.secret("port", CANARY),
                c -> c.secret("host", CANARY + "@x:1"),
                c -> c.secret("protocol", CANARY),
                c -> c.secret("query_timeout", CANARY),
                c -> c.secret("retry_wait", CANARY),
                c -> c.secret("login_timeout", CANARY),
                c -> c.secret("network_timeout", CANARY),
                c -> c.secret("client_session_keep_alive", CANARY),
                c -> c.secret("private_key", CANARY),
                c -> c.secret("session_parameters", List.of(CANARY)));
        for (UnaryOperator<TestContext> mistake : mistakes) {
            TestContext context = mistake.apply(new TestContext("sf", home).secret("account", "a").secret("user", "u")
                    .secret("password", CANARY));

            Throwable error = catchThrowable(context::resolve);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).doesNotContain("canary").doesNotContain("7Q");
        }
    }

    @Test
    void passwordInAFileThatIsNoTomlIsInNoMessage() {
        TestContext context = new TestContext("snowflake", home)
                .connectionsToml("[default]\naccount = \"a\"\npassword = " + CANARY + " more\n");

        Throwable error = catchThrowable(context::resolve);

        assertThat(error).hasMessageContaining("~/.snowflake/connections.toml:3:");
        assertThat(error.getMessage()).doesNotContain("canary").doesNotContain("more");
    }

    @Test
    void missingKeyMessageOfAConnectionWithAPasswordShowsNoValue() {
        TestContext context = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\npassword = \"" + CANARY + "\"\n");

        assertThat(catchThrowable(context::resolve)).hasMessageNotContaining(CANARY);
    }
}
