package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EmulatorCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                emulator -> {});
    }

    @Test
    void printsItsUsageForHelp() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--port N",
                        "--user NAME:PASSWORD",
                        "--user-key NAME:PATH",
                        "--database NAME");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void refusesAnUnknownFlagWithStatus2AndOneLine() {
        assertThat(run("--frobnicate")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("snowflake-emulator: unknown option --frobnicate (see --help)");
    }

    @Test
    void refusesAFlagWithoutItsValue() {
        assertThat(run("--port")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a value");
    }

    @Test
    void refusesAPortThatIsNotANumber() {
        assertThat(run("--port", "eighty")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port takes a number");
    }

    @Test
    void refusesAUserWithoutAPassword() {
        assertThat(run("--user", "carol")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user takes NAME:PASSWORD");
    }

    @Test
    void refusesAKeyFileThatHoldsNoPublicKey(@TempDir Path directory) throws Exception {
        Path notAKey = Files.writeString(directory.resolve("dave.pub"), "hello");

        assertThat(run("--user-key", "dave:" + notAKey)).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no RSA public key");
    }

    @Test
    void takesFlagsWithAnEqualsSign() {
        assertThat(run("--port=0", "--account=acme", "--database=farm")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("account ACME");
    }
}
