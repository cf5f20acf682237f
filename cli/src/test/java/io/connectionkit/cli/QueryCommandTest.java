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
    void aStatementThatNeverReturnsRowsRunsAndSaysSo() {
        ToolRun run = query("h2pets", "set mode regular");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("0 rows changed");
    }

    @Test
    void severalStatementsOnSqliteAreRefusedBeforeAnyRuns() {
        ToolRun run = query("pets", "insert into pets values ('A', 'ant', 1); insert into pets values ('B', 'bee', 2)");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("SQLite runs one statement at a time");
        assertThat(query("pets", "select count(*) as n from pets", "--format", "csv").out()).isEqualTo("n\r\n3\r\n");
    }

    @Test
    void argumentsFillQuestionMarksAndTextStaysText() {
        ToolRun args = query("h2pets", "select name from pets where age > ? and species = ?", "--arg", "5", "--arg", "dog");
        ToolRun text = query("h2pets", "select :code as code", "--text", "code=007", "--format", "csv");

        assertThat(args.exitCode()).isZero();
        assertThat(args.out()).contains("Rex").contains("(1 row)");
        assertThat(text.out()).isEqualTo("CODE\r\n007\r\n");
    }

    @Test
    void valuesForBothKindsOfPlaceholderAreAUsageError() {
        ToolRun run = query("h2pets", "select 1", "--arg", "5", "--param", "a=1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--arg").contains("--param");
    }

    @Test
    void aParameterWithoutAValueIsAUsageErrorThatSaysHowToGiveOne() {
        ToolRun run = query("h2pets", "select name from pets where age > :age");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(":age").contains("--param NAME=VALUE").doesNotContain("IllegalArgumentException")
                .doesNotContain("\tat ");
    }

    @Test
    void valuesAreTypedAsTheyRead() {
        assertThat(QueryCommand.typed("7")).isEqualTo(7L);
        assertThat(QueryCommand.typed("-12")).isEqualTo(-12L);
        assertThat(QueryCommand.typed("007")).isEqualTo("007");
        assertThat(QueryCommand.typed("1234567890123456789")).isEqualTo("1234567890123456789");
        assertThat(QueryCommand.typed("1.50")).isEqualTo(new java.math.BigDecimal("1.50"));
        assertThat(QueryCommand.typed("true")).isEqualTo(true);
        assertThat(QueryCommand.typed("True")).isEqualTo("True");
        assertThat(QueryCommand.typed("2024-01-31")).isEqualTo(java.time.LocalDate.of(2024, 1, 31));
        assertThat(QueryCommand.typed("2024-01-31T10:15")).isEqualTo(java.time.LocalDateTime.of(2024, 1, 31, 10, 15));
        assertThat(QueryCommand.typed("2024-01-31T10:15:30+02:00"))
                .isEqualTo(java.time.OffsetDateTime.parse("2024-01-31T10:15:30+02:00"));
        assertThat(QueryCommand.typed("2024-02-30")).isEqualTo("2024-02-30");
        assertThat(QueryCommand.typed("dog")).isEqualTo("dog");
    }

    @Test
    void aFailingStatementIsOneErrorWithoutAStackTraceUnlessVerbose() {
        ToolRun quiet = query("pets", "select * from no_such_table");
        ToolRun verbose = query("pets", "select * from no_such_table", "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).startsWith("connections: ").contains("no such table: no_such_table")
                .doesNotContain("\tat ");
        assertThat(quiet.err().lines().count()).isLessThanOrEqualTo(2);
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
