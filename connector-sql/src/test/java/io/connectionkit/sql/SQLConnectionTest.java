package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.core.Connections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLConnection as a user drives it, through a registry, on in-process H2 and SQLite. */
class SQLConnectionTest {

    @TempDir
    Path dir;

    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
    private ConnectionRegistry registry;
    private SQLConnection db;
    private String database;

    @BeforeEach
    void setUp(TestInfo info) {
        database = info.getTestMethod().orElseThrow().getName();
        registry = registry("[connections.pets]\ntype = \"sql\"\nurl = \"h2:mem:" + database + "\"\nretry_wait = 0\n");
        db = registry.get("pets", SQLConnection.class);
        db.execute("create table pets (id bigint primary key, name varchar(40) not null, age int)");
        db.execute("insert into pets values (1, 'Rex', 7), (2, 'Tom', 3)");
    }

    private ConnectionRegistry registry(String toml) {
        return ConnectionRegistry.builder().secretsFiles().secretsToml(toml).ticker(nanoTime::get)
                .homeDirectory(dir).workingDirectory(dir).build();
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void isFoundByItsTypeAndNamesItsDialect() {
        assertThat(db.dialect()).isEqualTo("h2");
        assertThat(db).hasToString("SQLConnection[name=pets, type=sql, dialect=h2, from=secretsToml:1]");
        assertThat(db.dataSource()).isInstanceOf(HikariDataSource.class);
    }

    @Test
    void queryBindsNamedParametersAndMapsTypes() {
        QueryResult result = db.query("select id, name, age from pets where age > :age order by id",
                QueryOptions.noCache().param("age", 5));

        assertThat(result.rowCount()).isEqualTo(1);
        assertThat(result.get(0, "name")).isEqualTo("Rex");
        assertThat(result.get(0, "id")).isEqualTo(1L);
        assertThat(result.get(0, "age")).isEqualTo(7L);
    }

    @Test
    void queryBindsPositionalArguments() {
        QueryResult result = db.query("select name from pets where id = ? or id = ? order by id",
                QueryOptions.noCache().args(1, 2));

        assertThat(result.toMaps()).containsExactly(Map.of("NAME", "Rex"), Map.of("NAME", "Tom"));
    }

    @Test
    void resultIsCachedForItsTtl() {
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10));
        QueryResult first = db.query("select count(*) as n from pets", tenMinutes);
        db.execute("insert into pets values (3, 'Polly', 12)");

        QueryResult cached = db.query("select count(*) as n from pets", tenMinutes);
        nanoTime.addAndGet(Duration.ofMinutes(11).toNanos());
        QueryResult fresh = db.query("select count(*) as n from pets", tenMinutes);

        assertThat(cached).isSameAs(first);
        assertThat(first.get(0, "n")).isEqualTo(2L);
        assertThat(fresh.get(0, "n")).isEqualTo(3L);
        assertThat(registry.queryCacheStats().hits()).isEqualTo(1);
    }

    @Test
    void queryWithoutOptionsCachesUntilEvictedAndNoCacheNeverCaches() {
        QueryResult first = db.query("select count(*) as n from pets");
        db.execute("insert into pets values (3, 'Polly', 12)");

        assertThat(db.query("select count(*) as n from pets")).isSameAs(first);
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(3L);
    }

    @Test
    void onH2AParameterInANestedCommentIsCommentedOut() {
        QueryResult result = db.query("""
                select name from pets
                where age > :age
                /* and name = :name  /* the old filter, it's gone */
                   and age < :max */
                order by id""", QueryOptions.noCache().param("age", 5));

        assertThat(result.toMaps()).containsExactly(Map.of("NAME", "Rex"));
    }

    @Test
    void onSqliteTheFirstCloseEndsABlockComment() {
        try (ConnectionRegistry sqlite = registry("[connections.local]\ntype = \"sql\"\nurl = \"sqlite://\"\n")) {
            SQLConnection local = sqlite.get("local", SQLConnection.class);

            QueryResult result = local.query("select :a as a /* one /* two */ , :b as b",
                    QueryOptions.noCache().param("a", "first").param("b", "second"));

            assertThat(local.dialect()).isEqualTo("sqlite");
            assertThat(result.toMaps()).containsExactly(Map.of("a", "first", "b", "second"));
        }
    }

    @Test
    void missingParameterValueIsNamed() {
        assertThatThrownBy(() -> db.query("select * from pets where age > :age", QueryOptions.noCache()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":age");
    }

    @Test
    void syntaxErrorFailsAtOnceWithItsSqlState() {
        HikariDataSource pool = (HikariDataSource) db.dataSource();
        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            assertThatThrownBy(() -> db.query("selec name from pets"))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("42001");
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.sql()).isEqualTo("selec name from pets");
                    })
                    .hasMessageContaining("SQL: selec name from pets");
            assertThat(logs.messages()).as("no retry").isEmpty();
        }
        assertThat(db.dataSource()).as("the pool was not reset").isSameAs(pool);
        assertThat(pool.isClosed()).isFalse();
    }

    @Test
    void aConstraintViolationWhoseMessageShowsTheSecretKeepsItsSqlState() {
        // H2 names the table in upper case: the password shows in its message, not in the statement.
        try (ConnectionRegistry secret = registry("[connections.owners]\ntype = \"sql\"\nurl = \"h2:mem:" + database
                + "_owners\"\npassword = \"OWNERS\"\n")) {
            SQLConnection owners = secret.get("owners", SQLConnection.class);
            owners.execute("create table owners (id int primary key)");
            owners.execute("insert into owners values (1)");

            assertThatThrownBy(() -> owners.execute("insert into owners values (1)"))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("23505");
                        assertThat(e.vendorCode()).isEqualTo(23505);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getCause().toString()).contains("PUBLIC.****").doesNotContain("OWNERS");
                    })
                    .hasMessageStartingWith("Query failed [SQL state 23505, vendor code 23505]: Unique index or primary"
                            + " key violation")
                    .hasMessageNotContaining("OWNERS");
        }
    }

    @Test
    void executeAndBatchReturnCounts() {
        assertThat(db.execute("update pets set age = age + 1 where age > :age", Map.of("age", 0))).isEqualTo(2);
        assertThat(db.execute("delete from pets where id = ?", 2)).isEqualTo(1);

        int[] counts = db.batch("insert into pets values (:id, :name, :age)", List.of(
                Map.of("id", 10, "name", "A", "age", 1), Map.of("id", 11, "name", "B", "age", 2)));

        assertThat(counts).containsExactly(1, 1);
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(3L);
    }

    @Test
    void aWriteSentToQueryIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> db.query("insert into pets values (3, 'Polly', 12)",
                QueryOptions.ttl(Duration.ofMinutes(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it was not run. Run it with execute(...)");

        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(2L);
        assertThat(db.execute("insert into pets values (3, 'Polly', 12)")).isEqualTo(1);
    }

    @Test
    void aListParameterInInMatchesEachOfItsElements() {
        QueryResult result = db.query("select name from pets where id in (:ids) order by id",
                QueryOptions.ttl(Duration.ofMinutes(5)).param("ids", List.of(1, 2)));

        assertThat(result.stream().map(row -> row.get("name"))).containsExactly("Rex", "Tom");
    }

    @Test
    void executeKeepsItsWriteWhenThePoolLendsConnectionsWithAutocommitOff() throws Exception {
        try (ConnectionRegistry manual = registry("[connections.manual]\ntype = \"sql\"\nurl = \"h2:mem:" + database
                + "-manual\"\ncreate_engine_kwargs = { autocommit = false }\n")) {
            SQLConnection db = manual.get("manual", SQLConnection.class);
            db.execute("create table pets (id bigint primary key, name varchar(40))");

            assertThat(db.execute("insert into pets values (?, ?)", 1, "Rex")).isEqualTo(1);
            assertThatThrownBy(() -> db.execute("insert into pets values (?, ?)", 1, "Rex again"))
                    .isInstanceOf(QueryException.class);

            QueryResult kept = db.query("select name from pets", QueryOptions.noCache());
            assertThat(kept.rowCount()).isEqualTo(1);
            assertThat(kept.get(0, "name")).isEqualTo("Rex");
            try (Connection connection = db.connect()) {
                assertThat(connection.getAutoCommit()).isFalse();
            }
        }
    }

    @Test
    void transactionCommitsWhenTheWorkReturns() {
        long count = db.transaction(tx -> {
            tx.execute("insert into pets values (:id, :name, :age)", Map.of("id", 3, "name", "Polly", "age", 12));
            return (Long) tx.query("select count(*) as n from pets").get(0, "n");
        });

        assertThat(count).isEqualTo(3L);
        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(3L);
    }

    @Test
    void transactionRollsBackAndRethrowsWhenTheWorkThrows() {
        IllegalStateException failure = new IllegalStateException("changed my mind");

        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.execute("delete from pets");
            throw failure;
        })).isSameAs(failure);

        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(2L);
    }

    @Test
    void inTransactionRunsWorkThatReturnsNothingAndCommits() {
        db.inTransaction(tx -> {
            tx.execute("insert into pets values (:id, :name, :age)", Map.of("id", 3, "name", "Polly", "age", 12));
            tx.execute("update pets set age = age + 1 where id = :id", Map.of("id", 3));
        });

        assertThat(db.query("select age from pets where id = 3", QueryOptions.noCache()).get(0, "age")).isEqualTo(13L);
    }

    @Test
    void inTransactionRollsBackAndRethrowsWhenTheWorkThrows() {
        IllegalStateException failure = new IllegalStateException("changed my mind");

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            tx.execute("delete from pets");
            throw failure;
        })).isSameAs(failure);

        assertThat(db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n")).isEqualTo(2L);
    }

    @Test
    void streamHandsOverChunksAndIsNeverCached() {
        db.transaction(tx -> tx.batch("insert into pets values (:id, :name, :age)", java.util.stream.IntStream.range(100, 1100)
                .mapToObj(i -> Map.<String, Object>of("id", i, "name", "pet" + i, "age", i % 20)).toList()));
        List<Integer> sizes = new ArrayList<>();

        long rows = db.stream("select id from pets order by id", QueryOptions.noCache(), 300, chunk -> sizes.add(chunk.rowCount()));

        assertThat(rows).isEqualTo(1002);
        assertThat(sizes).containsExactly(300, 300, 300, 102);
        assertThat(registry.queryCacheStats().misses()).isZero();
    }

    @Test
    void connectGivesAPooledJdbcConnection() throws Exception {
        try (Connection connection = db.connect()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void resetAndCloseCloseThePool() {
        HikariDataSource first = (HikariDataSource) db.dataSource();

        db.reset();
        HikariDataSource second = (HikariDataSource) db.dataSource();
        registry.close();

        assertThat(first.isClosed()).isTrue();
        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).isTrue();
    }

    @Test
    void worksOnASqliteFileFromASqlAlchemyUrl() {
        Path file = dir.resolve("pets.db");
        try (ConnectionRegistry sqlite = registry("[connections.local]\ntype = \"sql\"\nurl = \"sqlite:///" + file + "\"\n")) {
            SQLConnection local = sqlite.get("local", SQLConnection.class);
            local.execute("create table owners (name text, age integer)");
            local.execute("insert into owners values (:name, :age)", Map.of("name", "Amy", "age", 31));

            QueryResult owners = local.query("select name, age from owners where age > :age", QueryOptions.noCache().param("age", 30));

            assertThat(local.dialect()).isEqualTo("sqlite");
            assertThat(owners.toMaps()).containsExactly(Map.of("name", "Amy", "age", 31L));
        }
        assertThat(file).exists();
    }

    @Test
    void sqliteGetsAQueryEntryAsWritten() throws Exception {
        Path file = dir.resolve("dates.db");
        try (ConnectionRegistry sqlite = registry("[connections.local]\ntype = \"sql\"\nurl = \"sqlite:///" + file
                + "\"\nquery = { date_string_format = \"yyyy-MM-dd HH:mm:ss\" }\n");
             Connection connection = sqlite.get("local", SQLConnection.class).connect()) {
            assertThat(connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig().getDateStringFormat())
                    .isEqualTo("yyyy-MM-dd HH:mm:ss");
        }
    }

    @Test
    void anH2InitOfSeveralStatementsRunsThemAll() {
        try (ConnectionRegistry h2 = registry("""
                [connections.init]
                type = "sql"
                url = "h2:mem:init_of_two"
                query = { INIT = "create schema if not exists first_s;create schema if not exists second_s" }
                """)) {
            QueryResult schemas = h2.get("init", SQLConnection.class).query("select schema_name from"
                    + " information_schema.schemata where schema_name like '%_S' order by 1", QueryOptions.noCache());

            assertThat(schemas.stream().map(row -> row.get(0))).containsExactly("FIRST_S", "SECOND_S");
        }
    }

    @Test
    void missingConfigurationNamesTheSection() {
        try (ConnectionRegistry empty = registry("")) {
            assertThatThrownBy(() -> empty.get("nothing", SQLConnection.class))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("[connections.nothing]");
        }
    }

    @Test
    void aMissingDriverIsNamedWithoutTheOraclePasswordOfTheUrl() {
        try (ConnectionRegistry oracle = registry("""
                [connections.ora]
                type = "sql"
                url = "jdbc:oracle:thin:scott/tiger99@//db.example.com:1521/orcl"
                """)) {
            assertThatThrownBy(() -> oracle.get("ora"))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("No JDBC driver for oracle found for [connections.ora]")
                    .hasMessageContaining("jdbc:oracle:thin:@//db.example.com:1521/orcl")
                    .hasMessageNotContaining("tiger99");
        }
    }

    @Test
    void aMissingDriverIsNamedWithoutABracedSqlServerPassword() {
        try (ConnectionRegistry mssql = registry("""
                [connections.ms]
                type = "sql"
                url = "jdbc:sqlserver://db.example.com;user=sa;password={a;b9x}"
                """)) {
            assertThatThrownBy(() -> mssql.get("ms"))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("No JDBC driver for mssql found for [connections.ms]")
                    .hasMessageContaining("jdbc:sqlserver://db.example.com.)")
                    .hasMessageNotContaining("b9x");
        }
    }

    @Test
    void theFacadeFindsTheConnectorThroughServiceLoader() {
        assertThat(Connections.registry().providers())
                .anySatisfy(info -> assertThat(info.type()).isEqualTo("sql"));
    }
}
