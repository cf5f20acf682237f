package io.connectionkit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No command prints a password: not {@code list}, not {@code check}, not {@code query}, not their
 * errors, not with {@code --verbose}.
 */
class SecretsNeverPrintedTest {

    private static final String CANARY = "canary-Cli-8qZ";
    private static final String WRONG = "canary-Wrong-5pX";

    @TempDir
    Path dir;
    private Path secrets;

    @BeforeEach
    void makeADatabaseWithAPassword() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toString().replace("\\", "/");
        try (Connection connection = DriverManager.getConnection(url, "sa", CANARY);
             Statement statement = connection.createStatement()) {
            statement.execute("create table pets (name varchar(40), age int)");
            statement.execute("insert into pets values ('Rex', 7)");
        }
        secrets = Files.writeString(dir.resolve("secrets.toml"), """
                [connections.good]
                type = "sql"
                url = "%1$s"
                username = "sa"
                password = "%2$s"

                [connections.wrong]
                type = "sql"
                url = "%1$s"
                username = "sa"
                password = "%3$s"
                """.formatted(url, CANARY, WRONG));
    }

    private ToolRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--secrets", secrets.toString()));
        all.addAll(List.of(args));
        return ToolRun.of(all.toArray(String[]::new));
    }

    @Test
    void noCommandPrintsAPasswordWithOrWithoutVerbose() {
        List<List<String>> commands = List.of(
                List.of("list"),
                List.of("check"),
                List.of("check", "wrong"),
                List.of("query", "good", "select name, age from pets"),
                List.of("query", "good", "select name, age from pets", "--format", "json"),
                List.of("query", "good", "select * from no_such_table"),
                List.of("query", "wrong", "select name from pets"),
                List.of("types"));
        for (List<String> command : commands) {
            for (boolean verbose : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(command);
                if (verbose) {
                    args.add("--verbose");
                }
                ToolRun run = run(args.toArray(String[]::new));

                assertThat(run.all()).as("output of %s", args).doesNotContain(CANARY).doesNotContain(WRONG);
            }
        }
    }

    @Test
    void theCommandsWorkWithThePasswordTheyDoNotPrint() {
        ToolRun list = run("list");
        ToolRun query = run("query", "good", "select name, age from pets");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("good (type sql)").contains("wrong (type sql)").contains("password = ");
        assertThat(query.exitCode()).isZero();
        assertThat(query.out()).contains("Rex").contains("(1 row)");
    }

    @Test
    void theWrongPasswordIsAShortErrorInCheck() {
        ToolRun run = run("check", "wrong");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.all()).doesNotContain("\tat ").doesNotContain(WRONG);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).last().isEqualTo("0 ok, 1 failed");
        assertThat(lines).hasSizeBetween(2, 3);
        assertThat(lines.get(0)).startsWith("FAILED  wrong").containsIgnoringCase("password");
    }

    @Test
    void theWrongPasswordIsAShortErrorInQuery() {
        ToolRun run = run("query", "wrong", "select name from pets");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("connections: ").containsIgnoringCase("password")
                .doesNotContain("\tat ").doesNotContain(WRONG);
        assertThat(run.err().lines()).hasSizeBetween(1, 3);
    }

    @Test
    void checkOfAllSaysWhichWorkedAndWhichDidNot() {
        ToolRun run = run("check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ok      good (sql)").contains("FAILED  wrong").contains("1 ok, 1 failed");
    }

    @Test
    void withVerboseCheckPutsTheStackTraceOnStandardErrorAndKeepsItsReportShort() {
        ToolRun run = run("check", "wrong", "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).as("the report").doesNotContain("\tat ");
        assertThat(run.out().lines()).hasSizeBetween(2, 3);
        assertThat(run.err()).as("the stack trace").contains("\tat ");
        assertThat(run.all()).doesNotContain(WRONG);
    }

    /**
     * As a person runs it, in a JVM of its own: {@code main} turns the log on for {@code --verbose},
     * and neither the log nor anything else has a password.
     */
    @Test
    void theLogOfVerboseInAJvmOfItsOwnHasNoPasswordEither() throws Exception {
        List<List<String>> commands = List.of(
                List.of("check", "--verbose"),
                List.of("query", "good", "select name from pets", "--verbose"),
                List.of("query", "good", "select * from no_such_table", "--verbose"),
                List.of("query", "wrong", "select name from pets", "--verbose"));
        for (List<String> command : commands) {
            List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dnet.snowflake.jdbc.disablePlatformDetection=true",
                    "-cp", System.getProperty("java.class.path"),
                    ConnectionsTool.class.getName(), "--secrets", secrets.toString()));
            line.addAll(command);
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
            } finally {
                process.destroyForcibly();
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);

            assertThat(printed).as("output of %s", command).contains("DEBUG").doesNotContain(CANARY).doesNotContain(WRONG);
        }
    }
}
