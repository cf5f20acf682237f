package io.connectionkit.sql;

import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLConnection as an {@link Executable}, as generic code such as the {@code connections} command
 * line drives it: {@code returnsNoRows} sends each text where it runs, on H2 and SQLite.
 */
class SQLConnectionExecutableTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private SQLConnection db;

    @BeforeEach
    void setUp(TestInfo info) {
        registry = registry("[connections.pets]\ntype = \"sql\"\nurl = \"h2:mem:" + info.getTestMethod().orElseThrow()
                .getName() + "\"\nretry_wait = 0\n");
        db = registry.get("pets", SQLConnection.class);
        db.execute("create table pets (id bigint primary key, name varchar(40) not null, age int)");
        db.execute("insert into pets values (1, 'Rex', 7), (2, 'Tom', 3)");
    }

    private ConnectionRegistry registry(String toml) {
        return ConnectionRegistry.builder().secretsFiles().secretsToml(toml).homeDirectory(dir).workingDirectory(dir)
                .build();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private long pets() {
        return (Long) db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n");
    }

    @Test
    void writesWithoutRowsReturnNoRowsAndAreTheTextsQueryRefuses() {
        List<String> writes = List.of(
                "insert into pets values (3, 'Polly', 12)",
                "update pets set age = age + 1",
                "delete from pets where id = 1",
                "create table owners (id int)",
                "drop table pets",
                "select 1 as v; insert into pets values (4, 'Kit', 1)",
                "-- a comment first\nINSERT INTO pets VALUES (5, 'Bo', 2)");

        for (String sql : writes) {
            assertThat(db.returnsNoRows(sql)).as(sql).isTrue();
            assertThatThrownBy(() -> db.query(sql, QueryOptions.noCache())).as(sql)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it was not run");
        }
        assertThat(pets()).as("nothing was run").isEqualTo(2);
    }

    @Test
    void readsAndWritesThatReturnRowsDoNotReturnNoRowsAndQueryRunsThem() {
        List<String> rows = List.of(
                "select name from pets where id = 1",
                "with old as (select * from pets where age > 5) select name from old",
                "values (1, 'one')",
                "select name from final table (insert into pets values (3, 'Polly', 12))");

        for (String sql : rows) {
            assertThat(db.returnsNoRows(sql)).as(sql).isFalse();
            assertThat(db.query(sql, QueryOptions.noCache()).rowCount()).as(sql).isEqualTo(1);
        }
        assertThat(pets()).as("the insert that returns its row ran").isEqualTo(3);
    }

    @Test
    void anInsertReturningItsRowDoesNotReturnNoRowsAndQueryRunsItOnSqlite() {
        try (ConnectionRegistry sqlite = registry("[connections.local]\ntype = \"sql\"\nurl = \"sqlite://\"\n")) {
            SQLConnection local = sqlite.get("local", SQLConnection.class);
            local.execute("create table owners (id integer primary key, name text)");
            String insert = "insert into owners (name) values (:name) returning id, name";

            assertThat(local.returnsNoRows(insert)).isFalse();
            assertThat(local.returnsNoRows("insert into owners (name) values (:name)")).isTrue();
            assertThat(local.query(insert, QueryOptions.noCache().param("name", "Amy")).toMaps())
                    .containsExactly(Map.of("id", 1L, "name", "Amy"));
        }
    }

    @Test
    void statementsThatNeverReturnRowsReturnNoRowsAndExecuteRunsThem() {
        for (String sql : new String[] {"set mode regular", "begin", "commit", "rollback"}) {
            assertThat(db.returnsNoRows(sql)).as(sql).isTrue();
            assertThat(db.execute(sql, QueryOptions.noCache())).as(sql).isZero();
        }
        assertThat(db.returnsNoRows("call 1")).isFalse();
        assertThat(db.returnsNoRows("pragma table_info(pets)")).isFalse();
    }

    @Test
    void aTextOfSeveralStatementsIsRefusedOnSqliteWhichWouldRunTheFirstAlone() {
        try (ConnectionRegistry sqlite = registry("[connections.local]\ntype = \"sql\"\nurl = \"sqlite://\"\n")) {
            SQLConnection local = sqlite.get("local", SQLConnection.class);
            local.execute("create table owners (id integer primary key, name text)");

            assertThatThrownBy(() -> local.execute("insert into owners (name) values ('Amy'); insert into owners (name)"
                    + " values ('Bo')", QueryOptions.noCache()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SQLite runs one statement at a time, and this text has 2; nothing was run");
            assertThat(local.query("select count(*) as n from owners", QueryOptions.noCache()).get(0, "n")).isEqualTo(0L);
        }
    }

    @Test
    void aTextThatMixesParameterKindsCannotBeRead() {
        assertThatThrownBy(() -> db.returnsNoRows("update pets set age = ? where id = :id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes named parameters [:id] and ? placeholders");
    }

    @Test
    void executeWithOptionsBindsArgumentsOrParametersAndReturnsTheCount() {
        int inserted = db.execute("insert into pets values (?, ?, ?), (?, ?, ?)",
                QueryOptions.noCache().args(3, "Polly", 12, 4, "Kit", 1));
        int updated = db.execute("update pets set age = age + :years where age < :age",
                QueryOptions.noCache().params(Map.of("years", 10, "age", 5)));

        assertThat(inserted).isEqualTo(2);
        assertThat(updated).isEqualTo(2);
        assertThat(db.query("select name, age from pets order by id", QueryOptions.noCache()).toMaps())
                .containsExactly(Map.of("NAME", "Rex", "AGE", 7L), Map.of("NAME", "Tom", "AGE", 13L),
                        Map.of("NAME", "Polly", "AGE", 12L), Map.of("NAME", "Kit", "AGE", 11L));
    }

    @Test
    void executeWithOptionsRunsEveryTimeWhateverTheTtl() {
        QueryOptions cached = QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 0);

        assertThat(db.execute("update pets set age = age + 1 where age > :age", cached)).isEqualTo(2);
        assertThat(db.execute("update pets set age = age + 1 where age > :age", cached)).isEqualTo(2);

        assertThat(db.query("select age from pets where id = 1", QueryOptions.noCache()).get(0, "age")).isEqualTo(9L);
        assertThat(registry.queryCacheStats().misses()).as("the cache was not used").isZero();
    }

    @Test
    void executeWithOptionsOfADdlStatementCountsNoRows() {
        assertThat(db.execute("create table owners (id int)", QueryOptions.noCache())).isZero();

        assertThat(db.query("select count(*) as n from owners", QueryOptions.noCache()).get(0, "n")).isEqualTo(0L);
    }

    @Test
    void aFailingStatementThrowsTheDatabasesErrorAndWritesNothing() {
        assertThatThrownBy(() -> db.execute("insert into pets values (?, ?, ?)", QueryOptions.noCache().args(1, "Rex", 7)))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23505");
                    assertThat(e.sql()).isEqualTo("insert into pets values (?, ?, ?)");
                });
        assertThatThrownBy(() -> db.execute("insert into pets values (:id)", QueryOptions.noCache()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No value for parameter :id");

        assertThat(pets()).isEqualTo(2);
    }

    @Test
    void genericCodeRunsAnyStatementThroughTheInterfaces() {
        Object connection = registry.get("pets");
        Executable executable = (Executable) connection;
        Queryable queryable = (Queryable) connection;
        List<String> said = new ArrayList<>();

        for (String sql : List.of("insert into pets values (3, 'Polly', 12)", "select count(*) as n from pets",
                "delete from pets where age > 5", "select name from pets order by id")) {
            if (executable.returnsNoRows(sql)) {
                said.add(executable.execute(sql, QueryOptions.noCache()) + " rows");
            } else {
                QueryResult rows = queryable.query(sql, QueryOptions.noCache());
                said.add(rows.toMaps().toString());
            }
        }

        assertThat(said).containsExactly("1 rows", "[{N=3}]", "2 rows", "[{NAME=Tom}]");
    }
}
