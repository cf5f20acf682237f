package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PostgreSQL: streaming through a cursor, its own types, and binding. Needs the server on 127.0.0.1:5432. */
@Tag("db")
class JdbcStatementsPostgresTest {

    enum Mood { HAPPY }

    private Connection connection;
    private String table;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        table = "ck_jdbc_statements_" + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + table);
        } finally {
            connection.close();
        }
    }

    private QueryResult query(String sql) throws SQLException {
        return JdbcStatements.query(connection, ParsedStatement.parse(sql), List.of(), null);
    }

    private long stream(String sql, int chunkSize, java.util.function.Consumer<QueryResult> chunks) throws SQLException {
        return JdbcStatements.stream(connection, ParsedStatement.parse(sql), List.of(), chunkSize, null, chunks);
    }

    private long openCursors(String sql) throws SQLException {
        return (Long) query("select count(*) from pg_cursors where statement = '" + sql + "'").get(0, 0);
    }

    @Test
    void streamsThroughACursorAndRestoresAutocommit() throws SQLException {
        String sql = "select g from generate_series(1, 10000) g";
        List<Integer> sizes = new ArrayList<>();
        List<Long> cursorsWhileReading = new ArrayList<>();

        long total = stream(sql, 1000, chunk -> {
            sizes.add(chunk.rowCount());
            try {
                cursorsWhileReading.add(openCursors(sql));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(total).isEqualTo(10_000);
        assertThat(sizes).hasSize(10).containsOnly(1000);
        assertThat(cursorsWhileReading.get(0)).as("a cursor, not every row loaded at once").isEqualTo(1);
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(openCursors(sql)).isZero();
    }

    @Test
    void aThrowingConsumerLeavesNoCursorAndAutocommitOn() throws SQLException {
        String sql = "select g from generate_series(1, 5000) g";
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> stream(sql, 100, chunk -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(openCursors(sql)).isZero();
    }

    @Test
    void postgresTypesBecomePlainJavaValues() throws SQLException {
        QueryResult result = query("""
                select 1::int2 s, 2::int4 i, 3::int8 l, 1.1::float4 r, 2.2::float8 d, 1.50::numeric(5,2) n,
                  true b, 'x'::text t, 'ab'::char(3) c, '6f1f3c1e-3b1a-4c55-9d6c-2f2b9e2d4a10'::uuid u,
                  '{"a":1}'::json j, '{"a": 1}'::jsonb jb, '\\x0102'::bytea by, array[1, null, 3]::int[] arr,
                  date '2024-02-29' dt, timestamp '2024-02-29 10:00:01' ts, timestamptz '2024-02-29 10:00+02' tz,
                  timetz '10:00+01' ttz, interval '1 day' iv, '101'::bit(3) bits, null::int4 nothing""");

        assertThat(result.row(0).values()).containsExactly(1L, 2L, 3L, 1.1, 2.2, new BigDecimal("1.50"), true, "x",
                "ab ", UUID.fromString("6f1f3c1e-3b1a-4c55-9d6c-2f2b9e2d4a10"), "{\"a\":1}", "{\"a\": 1}",
                new byte[] {1, 2}, Arrays.asList(1L, null, 3L), LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 10, 0, 1), OffsetDateTime.of(2024, 2, 29, 8, 0, 0, 0, ZoneOffset.UTC),
                OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(1)), "1 day", "101", null);
        assertThat(result.columns().get(16).javaType()).isEqualTo(OffsetDateTime.class);
        assertThat(result.columns().get(16).sqlType()).isEqualTo("timestamptz");
    }

    @Test
    void javaValuesAreBoundAsPostgresTypes() throws SQLException {
        JdbcStatements.execute(connection, ParsedStatement.parse("create table " + table
                + " (d date, ts timestamp, tz timestamptz, u uuid, b bytea, e text, n int)"), List.of(), null);
        ParsedStatement insert = ParsedStatement.parse("insert into " + table + " values (:d, :ts, :tz, :u, :b, :e, :n)");
        UUID uuid = UUID.randomUUID();
        int[] counts = JdbcStatements.batch(connection, insert, List.of(
                Arrays.asList(LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 10, 0, 1),
                        OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.ofHours(2)), uuid, new byte[] {7},
                        Mood.HAPPY, null),
                Arrays.asList(null, null, Instant.parse("2024-02-29T08:00:00Z"), null, null, null, 5)), null);

        assertThat(counts).containsExactly(1, 1);
        QueryResult result = query("select * from " + table + " order by n nulls first");
        assertThat(result.row(0).values()).containsExactly(LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 10, 0, 1), OffsetDateTime.of(2024, 2, 29, 8, 0, 0, 0, ZoneOffset.UTC),
                uuid, new byte[] {7}, "HAPPY", null);
        assertThat(result.get(1, "tz")).isEqualTo(OffsetDateTime.of(2024, 2, 29, 8, 0, 0, 0, ZoneOffset.UTC));
        ParsedStatement update = ParsedStatement.parse("update " + table + " set n = :n where n is null");
        assertThat(JdbcStatements.execute(connection, update, update.bind(QueryOptions.noCache().param("n", 1)), null))
                .isEqualTo(1);
    }

    @Test
    void numericNotANumberAndInfinitiesAreDoubles() throws SQLException {
        QueryResult result = query("select 'NaN'::numeric nan, 'Infinity'::numeric up, '-Infinity'::numeric down,"
                + " 1.50::numeric plain");
        QueryResult mixed = query("select x from (values ('NaN'::numeric), (2.5::numeric)) t(x) order by x");

        assertThat(result.row(0).values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, new BigDecimal("1.50"));
        assertThat(result.columns()).extracting(io.connectionkit.api.Column::javaType)
                .containsExactly(Double.class, Double.class, Double.class, BigDecimal.class);
        assertThat(mixed.stream().map(row -> row.get(0))).containsExactly(new BigDecimal("2.5"), Double.NaN);
        assertThat(mixed.columns().get(0).javaType()).isEqualTo(Object.class);
    }

    @Test
    void anArrayOfZonedTimestampsKeepsTheirInstantsAsAColumnOfThemDoes() throws SQLException {
        QueryResult result = query("select array[timestamptz '2024-01-02 03:04:05+02', null] a,"
                + " timestamptz '2024-01-02 03:04:05+02' s");

        OffsetDateTime instant = OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC);
        assertThat(result.get(0, "s")).isEqualTo(instant);
        assertThat(result.get(0, "a")).isEqualTo(Arrays.asList(instant, null));
    }

    @Test
    void moneyIsReadAsItsTextWhateverItsSize() throws SQLException {
        QueryResult result = query("select '1234.56'::money m, array['1.50'::money, '1000'::money] ma");

        assertThat(result.get(0, "m")).isEqualTo("$1,234.56");
        assertThat(result.get(0, "ma")).isEqualTo(List.of("$1.50", "$1,000.00"));
    }

    @Test
    void anArrayElementIsReadAsAColumnOfItsTypeIs() throws SQLException {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York")); // 2024-03-10 02:30 does not exist there
        try {
            QueryResult result = query("select time '10:00:00.123456' t, timetz '10:00+01' tz,"
                    + " timestamp '2024-03-10 02:30:00' ts, interval '1 day' iv, '1.2.3.4'::inet ip, '101'::bit(3) bits,"
                    + " array[time '10:00:00.123456'] ta, array[timetz '10:00+01'] tza,"
                    + " array[timestamp '2024-03-10 02:30:00'] tsa, array[interval '1 day'] iva,"
                    + " array['1.2.3.4'::inet] ipa, array['101'::bit(3)] bitsa, array[[1, 2], [3, null]] nested");

            for (String column : List.of("t", "tz", "ts", "iv", "ip", "bits")) {
                assertThat(result.get(0, column + "a")).as(column).isEqualTo(List.of(result.get(0, column)));
            }
            assertThat(result.get(0, "t")).isEqualTo(LocalTime.of(10, 0, 0, 123_456_000));
            assertThat(result.get(0, "ts")).isEqualTo(LocalDateTime.of(2024, 3, 10, 2, 30));
            assertThat(result.get(0, "iv")).isEqualTo("1 day");
            assertThat(result.get(0, "nested")).isEqualTo(List.of(List.of(1L, 2L), Arrays.asList(3L, null)));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void anEnumBindsAsTextWhereverTextGoesAndWithACastIntoAnEnumColumn() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create type " + table + "_mood as enum ('HAPPY', 'SAD')");
        }
        try {
            JdbcStatements.execute(connection, ParsedStatement.parse("create table " + table + " (m " + table
                    + "_mood)"), List.of(), null);
            ParsedStatement insert = ParsedStatement.parse("insert into " + table + " values (cast(:m as " + table
                    + "_mood))");

            assertThat(JdbcStatements.execute(connection, insert, List.of(Mood.HAPPY), null)).isEqualTo(1);
            ParsedStatement anyText = ParsedStatement.parse("select concat('x', :m) c, jsonb_build_object('mood', :m)::text j,"
                    + " (:m is null or :m = 'HAPPY') f");
            assertThat(JdbcStatements.query(connection, anyText, List.of(Mood.HAPPY, Mood.HAPPY, Mood.HAPPY, Mood.HAPPY), null)
                    .row(0).values()).containsExactly("xHAPPY", "{\"mood\": \"HAPPY\"}", true);
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists " + table);
                statement.execute("drop type " + table + "_mood");
            }
        }
    }

    @Test
    void anOidArrayReadsAlsoOnceTheDriverReadsItInBinary() throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("select array[1::oid, 2::oid] a")) {
            for (int run = 1; run <= 6; run++) { // pgjdbc reads arrays in binary from the 5th run (prepareThreshold)
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    ResultReader reader = ResultReader.of(rows, JdbcFlavor.POSTGRESQL,
                            ParsedStatement.parse("select array[1::oid, 2::oid] a"));
                    assertThat(reader.read(Integer.MAX_VALUE).get(0, "a")).as("run " + run).isEqualTo(List.of(1L, 2L));
                }
            }
        }
    }

    @Test
    void anEmptyANullOnlyOrAMixedListBindsAsAnArrayOfWhatTheServerExpects() throws SQLException {
        JdbcStatements.execute(connection, ParsedStatement.parse("create table " + table + " (id int8, ids int8[])"),
                List.of(), null);
        ParsedStatement insert = ParsedStatement.parse("insert into " + table + " values (:id, :ids)");
        JdbcStatements.execute(connection, insert, List.of(1L, List.of()), null);
        JdbcStatements.execute(connection, insert, List.of(2L, Arrays.asList(null, null)), null);
        JdbcStatements.execute(connection, insert, List.of(3L, List.of(1, 2L, (short) 3)), null);

        assertThat(query("select ids from " + table + " order by id").stream().map(row -> row.get(0)))
                .containsExactly(List.of(), Arrays.asList(null, null), List.of(1L, 2L, 3L));
        ParsedStatement any = ParsedStatement.parse("select count(*) n from " + table + " where id = any(:ids)");
        assertThat(JdbcStatements.query(connection, any, List.of(List.of()), null).get(0, "n")).isEqualTo(0L);
        assertThat(JdbcStatements.query(connection, any, List.of(List.of(1, 3L)), null).get(0, "n")).isEqualTo(2L);
    }

    @Test
    void aListOrAnArrayBindsAsAnArrayAndAnArrayReadBindsBack() throws SQLException {
        JdbcStatements.execute(connection, ParsedStatement.parse("create table " + table
                + " (tags text[], ids int8[], scores int4[])"), List.of(), null);
        List<?> read = (List<?>) query("select array['a', 'b'] tags").get(0, "tags");
        ParsedStatement insert = ParsedStatement.parse("insert into " + table + " values (:tags, :ids, :scores)");

        JdbcStatements.execute(connection, insert, List.of(read, new Long[] {1L, 2L}, Arrays.asList(7, null)), null);
        JdbcStatements.execute(connection, insert, Arrays.asList(List.of(), new Object[] {3L}, null), null);

        QueryResult result = query("select * from " + table + " order by cardinality(tags) desc");
        assertThat(result.row(0).values()).containsExactly(List.of("a", "b"), List.of(1L, 2L), Arrays.asList(7L, null));
        assertThat(result.row(1).values()).containsExactly(List.of(), List.of(3L), null);
        ParsedStatement any = ParsedStatement.parse("select count(*) n from " + table + " where tags && :tags::text[]");
        assertThat(JdbcStatements.query(connection, any, List.of(List.of("b", "c")), null).get(0, "n")).isEqualTo(1L);
    }

    @Test
    void aListInInIsExpandedAndAWriteReturningRowsIsAQuery() throws SQLException {
        JdbcStatements.execute(connection, ParsedStatement.parse("create table " + table + " (id int8, name text)"),
                List.of(), null);
        QueryResult inserted = JdbcStatements.query(connection, ParsedStatement.parse("insert into " + table
                + " values (1, 'Rex'), (2, 'Tom'), (3, 'Kit') returning id"), List.of(), null);
        ParsedStatement select = ParsedStatement.parse("select name from " + table + " where id in (:ids) order by id");

        QueryResult result = JdbcStatements.query(connection, select,
                select.bind(QueryOptions.noCache().param("ids", List.of(1, 3))), null);

        assertThat(inserted.rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> JdbcStatements.query(connection, ParsedStatement.parse("insert into " + table
                + " values (4, 'Max'); select count(*) as n from " + table), List.of(), null))
                .as("a batch that ends in a query still writes without rows").isInstanceOf(IllegalArgumentException.class);
        assertThat(query("select count(*) as n from " + table).get(0, "n")).isEqualTo(3L);
        assertThat(result.stream().map(row -> row.get(0))).containsExactly("Rex", "Kit");
    }
}
