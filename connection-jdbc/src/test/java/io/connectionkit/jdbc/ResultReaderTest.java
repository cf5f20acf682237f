package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JDBC values become plain Java values, and columns say which: on H2, typed by its columns. */
class ResultReaderTest {

    private static final String ALL_TYPES = """
            create table all_types (
              ti tinyint, si smallint, i integer, bi bigint, de decimal(10, 2), nu numeric(12, 3),
              re real, fl float, dp double precision, bo boolean, ch char(3), vc varchar(20), cl clob,
              da date, tm time, ts timestamp, tstz timestamp with time zone, ttz time with time zone,
              bin binary(2), vb varbinary(10), bl blob, arr integer array, uu uuid, js json)""";

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private QueryResult query(String sql) throws SQLException {
        return JdbcStatements.query(connection, ParsedStatement.parse(sql), List.of(), null);
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aStatementRunAgainReusesItsColumnsUntilTheTableChanges() throws SQLException {
        run("create table shaped (id bigint, born date)");
        run("insert into shaped values (1, date '2020-02-29')");
        String sql = "select * from shaped";

        QueryResult first = query(sql);
        QueryResult again = query(sql);
        run("alter table shaped alter column born set data type timestamp");
        run("alter table shaped alter column id rename to pet_id");
        QueryResult altered = query(sql);

        assertThat(again.columns()).isSameAs(first.columns());
        assertThat(altered.columns()).containsExactly(new Column("PET_ID", Long.class, "BIGINT"),
                new Column("BORN", LocalDateTime.class, "TIMESTAMP"));
        assertThat(altered.get(0, "born")).isEqualTo(LocalDateTime.of(2020, 2, 29, 0, 0));
        assertThat(query(sql).columns()).isSameAs(altered.columns());
    }

    @Test
    void aColumnWhoseTypeNameAloneChangesIsSeenAtOnce() throws SQLException {
        run("create table renamed_type (name varchar(20))");
        run("insert into renamed_type values ('Rex')");
        String sql = "select name from renamed_type";
        QueryResult before = query(sql);

        run("alter table renamed_type alter column name set data type varchar_ignorecase(20)");
        QueryResult after = query(sql);

        assertThat(before.columns()).containsExactly(new Column("NAME", String.class, "CHARACTER VARYING"));
        assertThat(after.columns()).containsExactly(new Column("NAME", String.class, "VARCHAR_IGNORECASE"));
    }

    @Test
    void everyTypeBecomesItsPlainJavaValue() throws SQLException {
        run(ALL_TYPES);
        run("""
                insert into all_types values (
                  1, 2, 3, 9000000000, 12.50, 1.125, 1.1, 2.5, 3.25, true, 'ab', 'text', 'a long text',
                  date '2024-02-29', time '13:45:07', timestamp '2024-02-29 13:45:07.123',
                  timestamp with time zone '2024-02-29 13:45:07+02:00', time with time zone '13:45:07+02:00',
                  X'0102', X'030405', X'060708', ARRAY[1, NULL, 3], '6f1f3c1e-3b1a-4c55-9d6c-2f2b9e2d4a10',
                  JSON '{"a":1}')""");

        QueryResult result = query("select * from all_types");

        assertThat(result.row(0).values()).containsExactly(
                1L, 2L, 3L, 9_000_000_000L, new BigDecimal("12.50"), new BigDecimal("1.125"), 1.1, 2.5, 3.25, true,
                "ab ", "text", "a long text", LocalDate.of(2024, 2, 29), LocalTime.of(13, 45, 7),
                LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000),
                OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneOffset.ofHours(2)),
                OffsetTime.of(13, 45, 7, 0, ZoneOffset.ofHours(2)),
                new byte[] {1, 2}, new byte[] {3, 4, 5}, new byte[] {6, 7, 8}, Arrays.asList(1L, null, 3L),
                UUID.fromString("6f1f3c1e-3b1a-4c55-9d6c-2f2b9e2d4a10"), "{\"a\":1}");
        assertThat(result.columns()).extracting(Column::javaType).containsExactly(
                Long.class, Long.class, Long.class, Long.class, BigDecimal.class, BigDecimal.class, Double.class,
                Double.class, Double.class, Boolean.class, String.class, String.class, String.class, LocalDate.class,
                LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, byte[].class,
                byte[].class, byte[].class, List.class, UUID.class, String.class);
    }

    @Test
    void columnsAreNamedByLabelWithTheDatabaseTypeName() throws SQLException {
        run(ALL_TYPES);

        QueryResult result = query("select i as \"count\", vc, cl, arr from all_types");

        assertThat(result.columns()).containsExactly(
                new Column("count", Long.class, "INTEGER"),
                new Column("VC", String.class, "CHARACTER VARYING"),
                new Column("CL", String.class, "CHARACTER LARGE OBJECT"),
                new Column("ARR", List.class, "INTEGER ARRAY"));
        assertThat(result.rowCount()).isZero();
    }

    @Test
    void nullsAreNullAndKeepTheColumnTypes() throws SQLException {
        run(ALL_TYPES);
        run("insert into all_types (i) values (null)");

        QueryResult result = query("select * from all_types");

        assertThat(result.row(0).values()).hasSize(24).containsOnlyNulls();
        List<Class<?>> types = new ArrayList<>();
        result.columns().forEach(column -> types.add(column.javaType()));
        assertThat(types).startsWith(Long.class, Long.class, Long.class, Long.class, BigDecimal.class)
                .contains(LocalDateTime.class, OffsetDateTime.class, byte[].class, List.class);
        // Types known only from values: UUID and JSON have none here.
        assertThat(types.subList(22, 24)).containsOnly(Object.class);
    }

    @Test
    void aRealKeepsItsDecimalDigits() throws SQLException {
        QueryResult result = query("select cast(1.1 as real) r, cast(0.1 as real) + cast(0.2 as real) s");

        assertThat(result.row(0).values()).containsExactly(1.1, 0.3);
    }

    @Test
    void aLongTextIsReadWhole() throws SQLException {
        String text = "x".repeat(100_000);
        run("create table docs (body clob)");
        JdbcStatements.execute(connection, ParsedStatement.parse("insert into docs values (:body)"), List.of(text), null);

        assertThat(query("select body from docs").get(0, "body")).isEqualTo(text);
    }

    @Test
    void arraysAreImmutableListsOfPlainValues() throws SQLException {
        QueryResult result = query("select ARRAY['a', 'b'] s, ARRAY[DATE '2024-01-02'] d, ARRAY[ARRAY[1, 2]] n");

        assertThat(result.row(0).values()).containsExactly(List.of("a", "b"), List.of(LocalDate.of(2024, 1, 2)),
                List.of(List.of(1L, 2L)));
        @SuppressWarnings("unchecked")
        List<Object> strings = (List<Object>) result.get(0, "s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strings.add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void otherTypesAreReadAsTheirText() throws SQLException {
        QueryResult result = query("select INTERVAL '2' DAY iv");

        assertThat(result.get(0, "iv")).isEqualTo("INTERVAL '2' DAY");
        assertThat(result.columns().get(0).javaType()).isEqualTo(String.class);
    }

    @Test
    void anArrayElementIsReadAsAColumnOfItsTypeIs() throws SQLException {
        QueryResult result = query("select INTERVAL '2' DAY iv, ARRAY[INTERVAL '2' DAY] iva, JSON '{\"a\":1}' js,"
                + " ARRAY[JSON '{\"a\":1}'] jsa, TIME '10:00:00.123456' t, ARRAY[TIME '10:00:00.123456'] ta");

        for (String column : List.of("iv", "js", "t")) {
            assertThat(result.get(0, column + "a")).as(column).isEqualTo(List.of(result.get(0, column)));
        }
        assertThat(result.get(0, "ta")).isEqualTo(List.of(LocalTime.of(10, 0, 0, 123_456_000)));
    }

    @Test
    void aListParameterIsBoundAsAnArray() throws SQLException {
        JdbcStatements.execute(connection, ParsedStatement.parse("create table tagged (tags varchar array)"), List.of(), null);
        JdbcStatements.execute(connection, ParsedStatement.parse("insert into tagged values (:tags)"),
                List.of(List.of("a", "b")), null);

        assertThat(query("select tags from tagged").get(0, "tags")).isEqualTo(List.of("a", "b"));
    }
}
