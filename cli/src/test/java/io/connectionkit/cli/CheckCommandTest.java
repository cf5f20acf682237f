package io.connectionkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connections check}: connects to each and says how it went, and how long it took. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path secrets() throws IOException {
        return Files.writeString(dir.resolve("secrets.toml"), """
                [connections.pets]
                type = "sql"
                url = "jdbc:sqlite:%s"

                [connections.h2]
                type = "sql"
                url = "jdbc:h2:mem:check"

                [connections.broken]
                type = "sql"
                url = "jdbc:nosuchdb://nowhere"
                """.formatted(dir.resolve("pets.db")));
    }

    @Test
    void checksEveryConnectionAndFailsWhenOneFails() throws IOException {
        ToolRun run = ToolRun.of("--secrets", secrets().toString(), "check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("ok {6}pets \\(sql\\) in \\d+ ms")
                .containsPattern("ok {6}h2 \\(sql\\) in \\d+ ms")
                .containsPattern("FAILED  broken in \\d+ ms: .*nosuchdb")
                .contains("2 ok, 1 failed")
                .doesNotContain("\tat ");
    }

    @Test
    void checksOnlyTheNamedConnections() throws IOException {
        ToolRun run = ToolRun.of("--secrets", secrets().toString(), "check", "pets", "h2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2 ok, 0 failed").doesNotContain("broken");
    }

    @Test
    void anUnknownNameFailsWithTheConfiguredOnesNamed() throws IOException {
        ToolRun run = ToolRun.of("--secrets", secrets().toString(), "check", "pest");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED  pest").contains("pets").contains("0 ok, 1 failed");
    }

    @Test
    void verboseAddsTheStackTraceOfAFailure() throws IOException {
        ToolRun run = ToolRun.of("--secrets", secrets().toString(), "check", "broken", "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED  broken").doesNotContain("\tat ");
        assertThat(run.err()).contains("\tat ");
    }
}
