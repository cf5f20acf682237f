package com.example.duckdb;

import io.connectionkit.api.Column;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What a user of the DuckDB connector sees: queries, writes, files read, a database file kept. */
class DuckDBConnectionTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private DuckDBConnection duck;

    @BeforeEach
    void setUp() {
        registry = ConnectionRegistry.builder().secretsFiles().secretsToml("""
                [connections.duck]
                type = "duckdb"

                [connections.stored]
                type = "duckdb"
                database = "%s"
                """.formatted(dir.resolve("stored.duckdb").toString().replace("\\", "/"))).build();
        duck = registry.get("duck", DuckDBConnection.class);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void readsCsvWithInferredTypes() throws Exception {
        Path csv = Files.writeString(dir.resolve("pets.csv"), "name,age,born\nPolly,12,2013-05-01\nRex,3,2022-01-09\n");

        QueryResult pets = duck.read(csv);

        assertThat(pets.columnNames()).containsExactly("name", "age", "born");
        assertThat(pets.toMaps()).containsExactly(
                Map.of("name", "Polly", "age", 12L, "born", LocalDate.of(2013, 5, 1)),
                Map.of("name", "Rex", "age", 3L, "born", LocalDate.of(2022, 1, 9)));
    }

    @Test
    void readsParquetAndJson() throws Exception {
        Path parquet = dir.resolve("pets.parquet");
        duck.execute("copy (select 'Polly' as name, 12 as age) to '" + parquet + "' (format parquet)");
        Path json = Files.writeString(dir.resolve("pets.json"), "[{\"name\": \"Rex\", \"age\": 3}]");

        assertThat(duck.read(parquet).toMaps()).containsExactly(Map.of("name", "Polly", "age", 12));
        assertThat(duck.read(json).toMaps()).containsExactly(Map.of("name", "Rex", "age", 3L));
    }

    @Test
    void fileNameIsBoundNeverSplicedIntoTheSql() throws Exception {
        Path odd = Files.writeString(dir.resolve("it's'); drop table x; --.csv"), "a\n1\n");

        assertThat(duck.read(odd).toMaps()).containsExactly(Map.of("a", 1L));
    }

    @Test
    void fileNamesDuckDbWouldTakeAsGlobsOrOfUnknownKindAreRefused() throws Exception {
        Path glob = Files.writeString(dir.resolve("all*.csv"), "a\n1\n");
        Path text = Files.writeString(dir.resolve("notes.txt"), "a\n1\n");

        assertThatThrownBy(() -> duck.read(glob)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("glob");
        assertThatThrownBy(() -> duck.read(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".csv, .tsv, .parquet");
        assertThatThrownBy(() -> duck.read(dir.resolve("missing.csv"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable file");
    }

    @Test
    void readIsCachedLikeAnyQueryAndNoCacheSeesTheFileAsItIsNow() throws Exception {
        Path csv = Files.writeString(dir.resolve("pets.csv"), "name\nPolly\n");
        assertThat(duck.read(csv).toMaps()).containsExactly(Map.of("name", "Polly"));

        Files.writeString(csv, "name\nRex\n");

        assertThat(duck.read(csv).toMaps()).as("the cached rows").containsExactly(Map.of("name", "Polly"));
        assertThat(duck.read(csv, QueryOptions.noCache()).toMaps()).containsExactly(Map.of("name", "Rex"));
    }

    @Test
    void executeRunsEveryTimeItIsCalledAndCountsTheRowsChanged() {
        assertThat(duck.execute("create table pets (name varchar)")).isZero();

        assertThat(duck.execute("insert into pets values (?), (?)", "Polly", "Rex")).isEqualTo(2);
        assertThat(duck.execute("insert into pets values (?), (?)", "Polly", "Rex")).isEqualTo(2);
        assertThat(duck.execute("update pets set name = upper(name) where name = ?", "Rex")).isEqualTo(2);

        assertThat(duck.query("select name, count(*) as n from pets group by name order by name").toMaps())
                .containsExactly(Map.of("name", "Polly", "n", 2L), Map.of("name", "REX", "n", 2L));
    }

    @Test
    void queryRefusesAStatementWithoutRowsBeforeRunningItAndExecuteOneWithRows() {
        duck.execute("create table pets (name varchar)");

        assertThatThrownBy(() -> duck.query("insert into pets values ('Polly')")).isInstanceOf(QueryException.class)
                .hasMessageContaining("execute(");
        assertThatThrownBy(() -> duck.execute("insert into pets values ('Rex') returning name"))
                .isInstanceOf(QueryException.class).hasMessageContaining("query(");
        assertThat(duck.query("select count(*) as n from pets").get(0, "n")).as("rows inserted").isEqualTo(0L);
    }

    @Test
    void returnsNoRowsReadsTheFirstWordOfTheText() {
        assertThat(List.of("create table pets (name varchar)", "insert into pets values ('Polly')",
                "  -- the vet's list\n  UPDATE pets set name = 'Rex'", "delete from pets", "drop table pets",
                "copy pets to 'pets.csv'", "set threads = 2", "attach ':memory:' as scratch"))
                .allSatisfy(sql -> assertThat(duck.returnsNoRows(sql)).as(sql).isTrue());
        assertThat(List.of("select 1", "/* rows */ (select 1) union (select 2)", "with t as (select 1) select * from t",
                "values (1)", "from pets", "describe pets", "pragma table_info('pets')",
                "insert into pets values ('Rex') returning name", ""))
                .allSatisfy(sql -> assertThat(duck.returnsNoRows(sql)).as(sql).isFalse());
    }

    @Test
    void genericCodeRunsAnyStatementThroughQueryableAndExecutable() {
        Object connection = registry.get("duck");
        Executable executable = (Executable) connection;
        Queryable queryable = (Queryable) connection;
        Map<String, QueryOptions> statements = new LinkedHashMap<>();
        statements.put("create table pets (name varchar, age integer)", QueryOptions.noCache());
        statements.put("insert into pets values (?, ?), (?, ?)", QueryOptions.noCache().args("Polly", 12, "Rex", 3));
        statements.put("select name from pets where age > ? order by name", QueryOptions.noCache().args(5));
        List<String> said = new ArrayList<>();

        statements.forEach((sql, options) -> said.add(executable.returnsNoRows(sql)
                ? executable.execute(sql, options) + " rows"
                : queryable.query(sql, options).toMaps().toString()));

        assertThat(said).containsExactly("0 rows", "2 rows", "[{name=Polly}]");
        assertThatThrownBy(() -> executable.execute("insert into pets values ($name, 1)",
                QueryOptions.noCache().param("name", "Kit"))).isInstanceOf(QueryException.class)
                .hasMessageContaining("QueryOptions.args");
    }

    @Test
    void listsMapsStructsAndBlobsArePlainJavaValuesThatNoCallerCanChange() {
        String sql = """
                select [[1, 2], [3]] as groups,
                       map {'north': [10, 7], 'south': [5]} as sales,
                       {'name': 'Polly', 'tags': ['grey', 'loud'], 'seen': timestamp '2024-01-02 03:04:05',
                        'home': {'city': 'Oslo', 'since': date '2020-05-06'}} as pet,
                       [{'at': timestamp '2024-03-04 05:06:07'}] as visits,
                       '\\xAA\\xBB'::blob as photo
                """;
        Map<String, Object> expectedPet = Map.of("name", "Polly", "tags", List.of("grey", "loud"),
                "seen", LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                "home", Map.of("city", "Oslo", "since", LocalDate.of(2020, 5, 6)));

        QueryResult result = duck.query(sql);
        List<?> groups = (List<?>) result.get(0, "groups");
        Map<?, ?> sales = (Map<?, ?>) result.get(0, "sales");
        Map<?, ?> pet = (Map<?, ?>) result.get(0, "pet");

        assertThat(groups).isEqualTo(List.of(List.of(1, 2), List.of(3)));
        assertThat(sales).isEqualTo(Map.of("north", List.of(10, 7), "south", List.of(5)));
        assertThat(pet).isEqualTo(expectedPet);
        assertThat(List.<Object>copyOf(pet.keySet())).as("the struct's fields in order").containsExactly("name", "tags", "seen", "home");
        assertThat(result.get(0, "visits")).isEqualTo(List.of(Map.of("at", LocalDateTime.of(2024, 3, 4, 5, 6, 7))));
        assertThat((byte[]) result.get(0, "photo")).containsExactly(0xAA, 0xBB);

        assertUnmodifiable(groups::clear);
        assertUnmodifiable(() -> ((List<?>) groups.get(0)).remove(0));
        assertUnmodifiable(sales::clear);
        assertUnmodifiable(() -> ((List<?>) sales.get("north")).clear());
        assertUnmodifiable(() -> pet.remove("name"));
        assertUnmodifiable(() -> ((List<?>) pet.get("tags")).clear());
        assertUnmodifiable(() -> ((Map<?, ?>) pet.get("home")).clear());
        assertThat(duck.query(sql).get(0, "pet")).as("what the next caller of the cached query gets").isEqualTo(expectedPet);
    }

    @Test
    void columnsReportTheJavaTypeOfTheirValues() {
        QueryResult result = duck.query("""
                select [1] as list, map {'a': 1} as map, {'a': 1} as struct, '\\xAA'::blob as blob,
                       timestamp '2024-01-02 03:04:05' as at, '{"a": 1}'::json as doc,
                       union_value(n := 2)::union(n integer, s varchar) as either
                """);

        assertThat(result.columns()).extracting(Column::name, Column::javaType).containsExactly(
                tuple("list", List.class), tuple("map", Map.class), tuple("struct", Map.class),
                tuple("blob", byte[].class), tuple("at", LocalDateTime.class), tuple("doc", String.class),
                tuple("either", Object.class));
        for (Column column : result.columns()) {
            assertThat(result.get(0, column.name())).as(column.name()).isInstanceOf(column.javaType());
        }
        assertThat(result.get(0, "doc")).isEqualTo("{\"a\": 1}");
    }

    @Test
    void positionalParametersAreBoundAndNamedOnesRefused() {
        QueryResult result = duck.query("select ? + 1 as next", QueryOptions.defaults().args(41));

        assertThat(result.get(0, "next")).isEqualTo(42);
        assertThatThrownBy(() -> duck.query("select $n as n", QueryOptions.defaults().param("n", 1)))
                .isInstanceOf(QueryException.class).hasMessageContaining("QueryOptions.args");
    }

    @Test
    void databaseFileKeepsItsTablesAcrossReset() {
        DuckDBConnection stored = registry.get("stored", DuckDBConnection.class);
        stored.execute("create table pets as select 'Polly' as name");

        stored.reset();

        assertThat(stored.query("select name from pets").toMaps()).isEqualTo(List.of(Map.of("name", "Polly")));
    }

    @Test
    void misspeltSettingNamesTheKeyAndTheValidOnes() {
        ConnectionRegistry typo = ConnectionRegistry.builder().secretsFiles().secretsToml("""
                [connections.duck]
                type = "duckdb"
                read_onyl = true
                """).build();
        try (typo) {
            assertThatThrownBy(() -> typo.get("duck")).isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("connections.duck.read_onyl: unknown setting (secretsToml:3)")
                    .hasMessageContaining("read_only");
        }
    }

    private static void assertUnmodifiable(Runnable change) {
        assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
    }
}
