package io.connectionkit.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool against PostgreSQL (127.0.0.1:5432, user postgres, trust, database test): CI's db pass. */
@Tag("db")
class QueryCommandPostgresTest {

    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String URL = "postgresql://postgres@127.0.0.1:5432/test";

    @TempDir
    Path dir;
    private Path secrets;
    private final String table = "cli_test_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void createTable() throws Exception {
        execute("create table " + table + " (id int primary key, name varchar(40))");
        secrets = Files.writeString(dir.resolve("secrets.toml"), """
                [connections.pg]
                type = "sql"
                url = "%s"
                """.formatted(URL));
    }

    @AfterEach
    void dropTable() throws SQLException {
        execute("drop table if exists " + table);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC_URL, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private ToolRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--secrets";
        all[1] = secrets.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ToolRun.of(all);
    }

    @Test
    void anInsertPrintsHowManyRowsItChangedAndASelectReadsItBackAsJson() {
        ToolRun insert = run("query", "pg", "insert into " + table + " (id, name) values (1, 'Rex')");

        assertThat(insert.err()).isEmpty();
        assertThat(insert.exitCode()).isZero();
        assertThat(insert.out().lines()).containsExactly("1 row changed");

        ToolRun select = run("query", "pg", "select id, name from " + table + " where id = :id",
                "--param", "id=1", "--format", "json");

        assertThat(select.err()).isEmpty();
        assertThat(select.exitCode()).isZero();
        assertThat(select.out()).isEqualTo("[\n  {\"id\": 1, \"name\": \"Rex\"}\n]" + System.lineSeparator());
    }

    @Test
    void anUpdateOfSeveralRowsPrintsTheirCount() throws SQLException {
        execute("insert into " + table + " values (1, 'Rex'), (2, 'Tom'), (3, 'Polly')");

        ToolRun update = run("query", "pg", "update " + table + " set name = upper(name) where id > :id",
                "--param", "id=1");

        assertThat(update.err()).isEmpty();
        assertThat(update.exitCode()).isZero();
        assertThat(update.out().lines()).containsExactly("2 rows changed");
    }

    @Test
    void checkConnectsOk() {
        ToolRun run = run("check", "pg");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).matches("ok {6}pg \\(sql\\) in \\d+ ms");
        assertThat(run.out().lines()).last().isEqualTo("1 ok, 0 failed");
    }

    @Test
    void listShowsTheConnectionWithItsUrl() {
        ToolRun run = run("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).contains(
                "pg (type sql) at " + secrets + ":1",
                "  url = " + URL);
    }
}
