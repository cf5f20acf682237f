package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLConnection against the PostgreSQL (127.0.0.1:5432) and MariaDB (127.0.0.1:3306) servers of
 * this machine; .ci/run starts them. These tests fail, not skip, when a server is down.
 */
@Tag("db")
class SQLConnectionDatabaseTest {

    private static final String CANARY = "canary-Pw-5f2e9";

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private String table;
    private String application;

    @BeforeEach
    void setUp(TestInfo info) {
        // Short: PostgreSQL cuts application names at 63 characters, MariaDB refuses longer table names.
        String unique = Integer.toHexString(info.getTestMethod().orElseThrow().getName().hashCode()) + "_"
                + ThreadLocalRandom.current().nextInt(1_000_000);
        table = "ck_" + unique;
        application = "ck-" + unique;
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml("""
                [connections.pg]
                type = "sql"
                url = "postgresql://postgres@127.0.0.1:5432/test"
                password = "%s"
                retry_wait = 0
                # One pooled connection, just used: the pool lends it without a check, as it would a dead one.
                create_engine_kwargs = { pool_size = 1, max_overflow = 0, connect_args = { ApplicationName = "%s" } }

                [connections.maria]
                type = "sql"
                dialect = "mariadb"
                host = "127.0.0.1"
                port = 3306
                username = "root"
                database = "test"
                retry_wait = 0
                """.formatted(CANARY, application)).build();
    }

    @AfterEach
    void tearDown() {
        for (String name : new String[] {"pg", "maria"}) {
            try {
                registry.get(name, SQLConnection.class).execute("drop table if exists " + table);
            } catch (RuntimeException e) {
                // the test may have failed before creating it
            }
        }
        registry.close();
    }

    @Test
    void postgresqlRoundTripsTypes() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        pg.execute("create table " + table + " (id bigint primary key, price numeric(8,2), born date, ok boolean, note text)");
        pg.execute("insert into " + table + " values (:id, :price, :born, :ok, :note)", Map.of("id", 1, "price",
                new BigDecimal("12.50"), "born", LocalDate.of(2020, 2, 29), "ok", true, "note", "it's :not a param"));

        QueryResult result = pg.query("select id, price, born, ok, note, id::text as id_text from " + table
                + " where id = :id", QueryOptions.noCache().param("id", 1));

        assertThat(pg.dialect()).isEqualTo("postgresql");
        assertThat(result.row(0).toMap()).containsEntry("id", 1L).containsEntry("price", new BigDecimal("12.50"))
                .containsEntry("born", LocalDate.of(2020, 2, 29)).containsEntry("ok", true)
                .containsEntry("note", "it's :not a param").containsEntry("id_text", "1");
    }

    @Test
    void postgresqlRetriesThroughResetWhenTheServerEndsThePooledConnection() throws Exception {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        HikariDataSource before = (HikariDataSource) pg.dataSource();
        pg.query("select 1 as one", QueryOptions.noCache());

        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN);
             LogCapture hikari = LogCapture.of(com.zaxxer.hikari.pool.ProxyConnection.class, Level.WARN)) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                List<Integer> pids = new ArrayList<>();
                try (Statement statement = admin.createStatement();
                     ResultSet pooled = statement.executeQuery(
                             "select pid from pg_stat_activity where application_name = '" + application + "'")) {
                    while (pooled.next()) {
                        pids.add(pooled.getInt(1));
                    }
                }
                assertThat(pids).as("the pool's backends").isNotEmpty();
                for (int pid : pids) {
                    try (Statement statement = admin.createStatement();
                         ResultSet ended = statement.executeQuery("select pg_terminate_backend(" + pid + ", 5000)")) {
                        ended.next();
                        assertThat(ended.getBoolean(1)).as("backend %d ended", pid).isTrue();
                    }
                }
            }

            QueryResult after = pg.query("select 2 as two", QueryOptions.noCache());

            assertThat(after.get(0, "two")).isEqualTo(2L);
            assertThat(logs.messages()).singleElement().asString()
                    .contains("SQL state 57P01").contains("attempt 1 of 3");
        }
        assertThat(pg.dataSource()).as("the pool stays; its connections were replaced").isSameAs(before);
        assertThat(before.isClosed()).isFalse();
    }

    @Test
    void postgresqlSyntaxErrorIsTriedOnce() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        HikariDataSource pool = (HikariDataSource) pg.dataSource();

        try (LogCapture logs = LogCapture.of(SQLConnection.class, Level.WARN)) {
            assertThatThrownBy(() -> pg.query("selec 1"))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("42601");
                        assertThat(e.isTransient()).isFalse();
                    });
            assertThat(logs.messages()).isEmpty();
        }
        assertThat(pg.dataSource()).isSameAs(pool);
    }

    @Test
    void postgresqlNeverShowsThePassword() {
        try (LogCapture logs = LogCapture.all(Level.TRACE)) {
            SQLConnection pg = registry.get("pg", SQLConnection.class);
            Throwable failure = null;
            try {
                pg.query("select * from no_such_table_" + table);
            } catch (QueryException e) {
                failure = e;
            }
            pg.reset();
            pg.query("select 1 as one", QueryOptions.noCache());

            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t)).doesNotContain(CANARY);
            }
            assertThat(pg.toString()).doesNotContain(CANARY);
            assertThat(pg.config().toString()).doesNotContain(CANARY);
            assertThat(logs.fullTexts()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        }
    }

    @Test
    void postgresqlKeepsTheSqlStateOfAnErrorWhoseMessageShowsTheSecret() {
        // Trust authentication ignores the password: it is the table's name, which the error quotes.
        try (ConnectionRegistry secret = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).secretsToml("""
                        [connections.pg]
                        type = "sql"
                        url = "postgresql://postgres@127.0.0.1:5432/test"
                        password = "%s"
                        retry_wait = 0
                        """.formatted(table)).build()) {
            SQLConnection pg = secret.get("pg", SQLConnection.class);
            pg.execute("create table " + table + " (id int primary key)");
            pg.execute("insert into " + table + " values (1)");

            assertThatThrownBy(() -> pg.execute("insert into " + table + " values (1)"))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo("23505");
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getCause().toString()).contains("\"****_pkey\"").doesNotContain(table);
                    })
                    .hasMessageStartingWith("Query failed [SQL state 23505, vendor code 0]: ERROR: duplicate key value"
                            + " violates unique constraint \"****_pkey\"");
        }
    }

    @Test
    void mariadbRoundTripsAndStreams() {
        SQLConnection maria = registry.get("maria", SQLConnection.class);
        maria.execute("create table " + table + " (id bigint primary key, name varchar(40), born date)");
        maria.batch("insert into " + table + " values (:id, :name, :born)", java.util.stream.IntStream.range(0, 250)
                .mapToObj(i -> Map.<String, Object>of("id", i, "name", "pet" + i, "born", LocalDate.of(2000, 1, 1).plusDays(i)))
                .toList());

        QueryResult one = maria.query("select id, name, born from " + table + " where name = :name",
                QueryOptions.noCache().param("name", "pet7"));
        long[] chunks = new long[1];
        long rows = maria.stream("select id from " + table + " order by id", QueryOptions.noCache(), 100, chunk -> chunks[0]++);

        assertThat(maria.dialect()).isEqualTo("mariadb");
        assertThat(one.row(0).toMap()).containsEntry("id", 7L).containsEntry("name", "pet7")
                .containsEntry("born", LocalDate.of(2000, 1, 8));
        assertThat(rows).isEqualTo(250);
        assertThat(chunks[0]).isEqualTo(3);
    }

    @Test
    void mariadbGetsQueryEntriesAsWrittenFromSecretsAndFromTheUrl() {
        try (ConnectionRegistry sessions = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir)
                .workingDirectory(dir).secretsToml("""
                        [connections.secrets]
                        type = "sql"
                        url = "mariadb://root@127.0.0.1:3306/test"
                        query = { sessionVariables = "time_zone='+05:00',sql_mode='ANSI_QUOTES'" }

                        [connections.url]
                        type = "sql"
                        url = "mariadb://root@127.0.0.1:3306/test?sessionVariables=time_zone%3D%27%2B05:00%27"

                        [connections.jdbc]
                        type = "sql"
                        url = "jdbc:mariadb://127.0.0.1:3306/test?user=root"
                        query = { sessionVariables = "time_zone='+05:00'" }
                        """).build()) {
            for (String name : List.of("secrets", "url", "jdbc")) {
                QueryResult session = sessions.get(name, SQLConnection.class)
                        .query("select @@session.time_zone as tz", QueryOptions.noCache());

                assertThat(session.get(0, "tz")).as(name).isEqualTo("+05:00");
            }
            assertThat(sessions.get("secrets", SQLConnection.class).query("select @@session.sql_mode as mode",
                    QueryOptions.noCache()).get(0, "mode")).isEqualTo("ANSI_QUOTES");
        }
    }

    @Test
    void mariadbReadsBackslashEscapesAndHashCommentsAsItsOwn() {
        SQLConnection maria = registry.get("maria", SQLConnection.class);

        QueryResult result = maria.query("select 'it\\'s :not a param' as note, :p as p # and :nor this\n",
                QueryOptions.noCache().param("p", "given"));

        assertThat(result.row(0).toMap()).containsEntry("note", "it's :not a param").containsEntry("p", "given");
    }

    @Test
    void postgresqlNestsBlockCommentsSoAParameterInsideIsCommentedOut() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        pg.execute("create table " + table + " (id int, name text)");
        pg.execute("insert into " + table + " values (1, 'Rex'), (2, 'Tom')");

        QueryResult result = pg.query("select name from " + table + " where id = :id\n"
                + "/* and name = :name  /* the old filter, it's gone */\n   and id < :max */",
                QueryOptions.noCache().param("id", 2));

        assertThat(result.toMaps()).containsExactly(Map.of("name", "Tom"));
    }

    @Test
    void mariadbEndsABlockCommentAtItsFirstClose() {
        SQLConnection maria = registry.get("maria", SQLConnection.class);
        maria.execute("create table " + table + " (id int, name varchar(20))");
        maria.execute("insert into " + table + " values (1, 'Rex'), (2, 'Tom')");

        QueryResult result = maria.query("select name from " + table + " /* one /* two */ where id = :id",
                QueryOptions.noCache().param("id", 2));

        assertThat(result.toMaps()).containsExactly(Map.of("name", "Tom"));
    }

    @Test
    void postgresqlReadsEscapeStrings() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);

        QueryResult result = pg.query("select E'it\\'s :not a param' as note, 5 # 3 as xor, :p as p",
                QueryOptions.noCache().param("p", "given"));

        assertThat(result.row(0).toMap()).containsEntry("note", "it's :not a param").containsEntry("xor", 6L)
                .containsEntry("p", "given");
    }
}
