package io.connectionkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connections list}: each configured connection, its type, where it is, its keys with secrets masked. */
class ListCommandTest {

    private static final String PASSWORD = "canary-List-4fJ";

    @TempDir
    Path dir;

    private Path secrets(String toml) throws IOException {
        return Files.writeString(dir.resolve("secrets.toml"), toml);
    }

    @Test
    void listsEachConnectionWithItsTypePlaceAndMaskedKeys() throws IOException {
        Path file = secrets("""
                title = "not a connection"

                [connections.pets]
                type = "sql"
                url = "sqlite:///pets.db"

                [connections.warehouse]
                type = "sql"
                dialect = "postgresql"
                host = "db.example.com"
                username = "app"
                password = "%s"

                [connections.sql]
                url = "postgresql://app:%s@db.example.com/prod"
                """.formatted(PASSWORD, PASSWORD));

        ToolRun run = ToolRun.of("--secrets", file.toString(), "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).contains(
                "pets (type sql) at " + file + ":3",
                "  type = sql",
                "  url = sqlite:///pets.db",
                "warehouse (type sql) at " + file + ":7",
                "  username = app",
                "sql (type sql) at " + file + ":14");
        assertThat(run.out()).contains("  password = ****").doesNotContain(PASSWORD).doesNotContain("title");
    }

    @Test
    void aConnectionWithoutTypeOrKnownNameShowsAQuestionMark() throws IOException {
        Path file = secrets("[connections.mystery]\nurl = \"sqlite:///x.db\"\n");

        assertThat(ToolRun.of("--secrets", file.toString(), "list").out()).contains("mystery (type ?) at " + file + ":1");
    }

    @Test
    void laterSecretsFilesWinKeyByKey() throws IOException {
        Path first = secrets("[connections.pets]\ntype = \"sql\"\nurl = \"sqlite:///first.db\"\n");
        Path second = Files.writeString(dir.resolve("more.toml"), "[connections.pets]\nurl = \"sqlite:///second.db\"\n");

        ToolRun run = ToolRun.of("--secrets", first.toString(), "--secrets", second.toString(), "list");

        assertThat(run.out()).contains("  url = sqlite:///second.db").contains("  type = sql").doesNotContain("first.db");
    }

    @Test
    void secretsFilesBeforeAndAfterTheCommandAreAllRead() throws IOException {
        Path first = secrets("[connections.pets]\ntype = \"sql\"\nurl = \"sqlite:///first.db\"\n");
        Path second = Files.writeString(dir.resolve("more.toml"), "[connections.owners]\nurl = \"sqlite:///second.db\"\n");

        ToolRun run = ToolRun.of("--secrets", first.toString(), "list", "--secrets", second.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("pets (type sql)").contains("owners (type ?)");
    }

    @Test
    void withoutAnySecretsFileItSaysWhereItLooked() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ToolRun run = ToolRun.of("--secrets", empty.resolve("missing.toml").toString(), "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing.toml").contains("no such file");
    }

    @Test
    void invalidTomlNamesTheFileAndLine() throws IOException {
        Path file = secrets("[connections.pets]\nurl = \"unclosed\n");

        ToolRun run = ToolRun.of("--secrets", file.toString(), "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file.toString()).contains("2").doesNotContain("\tat ");
    }
}
