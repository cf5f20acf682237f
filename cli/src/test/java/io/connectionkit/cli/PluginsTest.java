package io.connectionkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --plugins DIR}: a connector (and its driver) dropped in a folder is used like a built-in one. */
class PluginsTest {

    private static final Path DUCKDB_PLUGIN = Path.of(System.getProperty("cli.duckdbPlugin", "target/duckdb-plugin"));

    @TempDir
    Path dir;
    private Path secrets;

    /**
     * An application that embeds the tool (and any test run before this one in the same JVM) has
     * used JDBC already: the tool must find the plugin's driver all the same, whatever ran first.
     */
    @BeforeAll
    static void jdbcWasUsedBefore() {
        DriverManager.getDrivers();
    }

    @BeforeEach
    void writeSecrets() throws IOException {
        secrets = Files.writeString(dir.resolve("secrets.toml"), """
                [connections.ducks]
                type = "duckdb"
                database = "%s"
                """.formatted(dir.resolve("ducks.duckdb").toString().replace("\\", "/")));
    }

    @Test
    void aConnectorFromThePluginsFolderRunsAQuery() {
        assertThat(DUCKDB_PLUGIN).isDirectory();

        ToolRun run = ToolRun.of("--plugins", DUCKDB_PLUGIN.toString(), "--secrets", secrets.toString(),
                "query", "ducks", "select 42 as answer");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "answer",
                "------",
                "    42",
                "(1 row)");
    }

    @Test
    void thePluginsDriverIsFoundAgainByTheNextRunInTheSameJvm() {
        for (int i = 1; i <= 2; i++) {
            ToolRun run = ToolRun.of("--plugins", DUCKDB_PLUGIN.toString(), "--secrets", secrets.toString(),
                    "query", "ducks", "select 42 as answer", "--format", "csv");

            assertThat(run.err()).as("run %d", i).isEmpty();
            assertThat(run.exitCode()).as("run %d", i).isZero();
            assertThat(run.out()).as("run %d", i).isEqualTo("answer\r\n42\r\n");
        }
    }

    @Test
    void aPluginsFolderThatDoesNotExistIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-plugins");

        ToolRun run = ToolRun.of("--plugins", missing.toString(), "--secrets", secrets.toString(),
                "query", "ducks", "select 42 as answer");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains(missing.toString());
    }

    @Test
    void withoutThePluginsFolderTheTypeIsUnknownInOneOrTwoLines() {
        ToolRun run = ToolRun.of("--secrets", secrets.toString(), "query", "ducks", "select 42 as answer");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("Unknown connection type 'duckdb'")
                .contains("ducks")
                .contains("sql")
                .doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSizeBetween(1, 3);
    }
}
