package io.connectionkit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connections query}: rows as a table, CSV or JSON; writes as their count; its errors. */
class QueryCommandTest {

    @TempDir
    Path dir;
    private Path secrets;

    @BeforeEach
    void makeDatabases() throws Exception {
        String sqlite = "jdbc:sqlite:" + dir.resolve("pets.db");
        String h2 = "jdbc:h2:file:" + dir.resolve("h2pets");
        for (String url : new String[] {sqlite, h2}) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("create table pets (name varchar(40), species varchar(20), age int)");
                statement.execute("insert into pets values ('Rex', 'dog', 7), ('Tom', 'cat', 3), ('Polly', 'parrot', 12)");
            }
        }
        secrets = Files.writeString(dir.resolve("secrets.toml"), """
                [connections.pets]
                type = "sql"
                url = "%s"

                [connections.h2pets]
                type = "sql"
                url = "%s"

                [connections.plain]
                type = "io.connectionkit.cli.PlainConnection"
                """.formatted(sqlite, h2));
    }

    private ToolRun query(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--secrets";
        all[1] = secrets.toString();
        all[2] = "query";
        System.arraycopy(args, 0, all, 3, args.length);
        return ToolRun.of(all);
    }

    @Test
    void printsTheRowsAsAnAlignedTable() {
        ToolRun run = query("pets", "select name, species, age from pets order by age desc");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).containsExactly(
                "name  | species | age",
                "------+---------+----",
                "Polly | parrot  |  12",
                "Rex   | dog     |   7",
                "Tom   | cat     |   3",
                "(3 rows)");
    }

    @Test
    void bindsParametersAsTheTypesTheyReadAs() {
        ToolRun run = query("h2pets", "select name from pets where age > :age and species = :species",
                "--param", "age=5", "--param", "species=dog");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Rex").doesNotContain("Polly").contains("(1 row)");
    }

    @Test
    void printsCsvForScripts() {
        query("pets", "insert into pets values ('Mr \"Big\", Jr', 'cat', null)");

        ToolRun run = query("pets", "select name, age from pets where species = 'cat' order by name", "--format", "csv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("name,age\r\n\"Mr \"\"Big\"\", Jr\",\r\nTom,3\r\n");
    }

    @Test
    void printsJsonForScripts() {
        ToolRun run = query("h2pets", "select name, age from pets where age < 10 order by age", "--format", "JSON");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("[\n  {\"NAME\": \"Tom\", \"AGE\": 3},\n  {\"NAME\": \"Rex\", \"AGE\": 7}\n]"
                + System.lineSeparator());
    }

    @Test
    void aStatementThatChangesDataPrintsItsCountAndIsDone() throws SQLException {
        ToolRun update = query("pets", "update pets set age = age + 1 where species = :species", "--param", "species=cat");
        ToolRun json = query("h2pets", "delete from pets where age > 5", "--format", "json");

        assertThat(update.exitCode()).isZero();
        assertThat(update.out().strip()).isEqualTo("1 row changed");
        assertThat(json.out().strip()).isEqualTo("{\"count\": 2}");
        assertThat(query("pets", "select age from pets where name = 'Tom'").out()).contains("4");
        assertThat(query("h2pets", "select count(*) as n from pets", "--format", "csv").out()).isEqualTo("N\r\n1\r\n");
    }

    @Test
    void aFailingStatementIsOneErrorWithoutAStackTraceUnlessVerbose() {
        ToolRun quiet = query("pets", "select * from no_such_table");
        ToolRun verbose = query("pets", "select * from no_such_table", "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).startsWith("connections: ").contains("no such table: no_such_table")
                .doesNotContain("\tat ");
        assertThat(quiet.err().lines().count()).isLessThanOrEqualTo(3);
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("no such table").contains("\tat ");
    }

    @Test
    void aMisspelledConnectionSaysWhichAreConfigured() {
        ToolRun run = query("pest", "select 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pest").contains("pets").doesNotContain("\tat ");
    }

    @Test
    void aConnectionThatRunsNoStatementsSaysSoInOneLine() {
        ToolRun run = query("plain", "select 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("connections: Connection plain (type io.connectionkit.cli.PlainConnection)"
                + " cannot run statements: its connector offers no query or execute.");
    }

    @Test
    void aParameterWithoutValueIsAUsageError() {
        ToolRun run = query("pets", "select 1", "--param", "age");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("age").contains("Try 'connections query --help'.");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        ToolRun run = query("pets", "select 1", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("xml").containsIgnoringCase("table").containsIgnoringCase("csv")
                .containsIgnoringCase("json");
    }
}
