package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** MariaDB: streaming with a positive fetch size, its types, and binding. Needs the server on 127.0.0.1:3306. */
@Tag("db")
class JdbcStatementsMariaDbTest {

    private Connection connection;
    private String table;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
        table = "ck_jdbc_statements_" + ThreadLocalRandom.current().nextInt(1_000_000);
        run("create table " + table + " (id bigint primary key, name varchar(20), born date, seen datetime(3),"
                + " at time, flag tinyint(1), big bigint unsigned, price decimal(8,2), ratio float, doc json,"
                + " photo blob)");
    }

    @AfterEach
    void close() throws SQLException {
        try {
            run("drop table if exists " + table);
        } finally {
            connection.close();
        }
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long stream(String sql, int chunkSize, java.util.function.Consumer<QueryResult> chunks) throws SQLException {
        return JdbcStatements.stream(connection, ParsedStatement.parse(sql), List.of(), chunkSize, null, chunks);
    }

    @Test
    void streamsInChunksAndTheConnectionStaysUsable() throws SQLException {
        run("set session max_recursive_iterations = 100000");
        run("insert into " + table + " (id) with recursive s(n) as (select 1 union all select n + 1 from s where n < 10000)"
                + " select n from s");
        List<Integer> sizes = new ArrayList<>();

        long total = stream("select id from " + table + " order by id", 1000, chunk -> sizes.add(chunk.rowCount()));

        assertThat(total).isEqualTo(10_000);
        assertThat(sizes).hasSize(10).containsOnly(1000);
        RuntimeException boom = new RuntimeException("boom");
        assertThatThrownBy(() -> stream("select id from " + table, 100, chunk -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(JdbcStatements.query(connection, ParsedStatement.parse("select count(*) n from " + table), List.of(), null)
                .get(0, "n")).isEqualTo(10_000L);
    }

    @Test
    void valuesRoundTripAsPlainJavaValues() throws SQLException {
        ParsedStatement insert = ParsedStatement.parse("insert into " + table
                + " values (:id, :name, :born, :seen, :at, :flag, :big, :price, :ratio, :doc, :photo)");
        int[] counts = JdbcStatements.batch(connection, insert, List.of(
                Arrays.asList(1, "Rex", LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 10, 0, 1, 5_000_000),
                        LocalTime.of(23, 59, 58), true, new BigInteger("18446744073709551615"), new BigDecimal("9.99"),
                        1.1f, "{\"a\": 1}", new byte[] {1, 2}),
                Arrays.asList(2, null, null, null, null, null, null, null, null, null, null)), null);

        assertThat(counts).containsExactly(1, 1);
        QueryResult result = JdbcStatements.query(connection,
                ParsedStatement.parse("select * from " + table + " order by id"), List.of(), null);
        assertThat(result.row(0).values()).containsExactly(1L, "Rex", LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 10, 0, 1, 5_000_000), LocalTime.of(23, 59, 58), true,
                new BigInteger("18446744073709551615"), new BigDecimal("9.99"), 1.1, "{\"a\": 1}", new byte[] {1, 2});
        assertThat(result.row(1).values()).containsExactly(2L, null, null, null, null, null, null, null, null, null,
                null);
        assertThat(result.columns().get(5).javaType()).isEqualTo(Boolean.class);
    }

    @Test
    void aTimeBeyondADayIsADurationNotATimeWrappedRound() throws SQLException {
        QueryResult result = JdbcStatements.query(connection, ParsedStatement.parse("select cast('838:59:59' as time)"
                + " elapsed, cast('-01:00:00.25' as time(2)) behind, cast('10:00:00.5' as time(1)) clock,"
                + " cast(null as time) nothing"), List.of(), null);

        assertThat(result.row(0).values()).containsExactly(Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                Duration.ofMillis(-3_600_250), LocalTime.of(10, 0, 0, 500_000_000), null);
        assertThat(result.columns()).extracting(io.connectionkit.api.Column::javaType)
                .containsExactly(Duration.class, Duration.class, LocalTime.class, Object.class);
    }

    @Test
    void anArrayParameterIsRefusedRatherThanStoredAsItsToString() {
        ParsedStatement insert = ParsedStatement.parse("insert into " + table + " (id, name) values (3, :name)");

        assertThatThrownBy(() -> JdbcStatements.execute(connection, insert, List.of(List.of("a", "b")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter 1 is a collection, but the database has no array type: give each element a"
                        + " parameter of its own");
    }

    @Test
    void aListInInIsExpanded() throws SQLException {
        run("insert into " + table + " (id, name) values (1, 'Rex'), (2, 'Tom'), (3, 'Kit')");
        ParsedStatement select = ParsedStatement.parse("select name from " + table + " where id in (:ids) order by id");

        QueryResult result = JdbcStatements.query(connection, select,
                select.bind(io.connectionkit.api.QueryOptions.noCache().param("ids", List.of(1, 3))), null);

        assertThat(result.stream().map(row -> row.get(0))).containsExactly("Rex", "Kit");
    }
}
