package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite is dynamically typed: a column holds whatever was stored in it, so values are read by
 * what they are, and dates, which SQLite keeps as text, come back as text.
 */
class ResultReaderSqliteTest {

    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pets.db"));
        run("create table pets (id integer, weight real, name text, photo blob, born date, seen timestamp, misc)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private QueryResult query(String sql) throws SQLException {
        return JdbcStatements.query(connection, ParsedStatement.parse(sql), List.of(), null);
    }

    @Test
    void integersAreLongsRealsAreDoublesTextIsStringsAndBlobsAreBytes() throws SQLException {
        run("insert into pets values (1, 4.5, 'Rex', X'0102', '2020-05-01', '2024-01-02 03:04:05', 7)");
        run("insert into pets values (5000000000, 12, 'Tom', X'', '2021-06-02', '2024-01-02 03:04:06', 8)");

        QueryResult result = query("select * from pets order by id");

        assertThat(result.row(0).values())
                .containsExactly(1L, 4.5, "Rex", new byte[] {1, 2}, "2020-05-01", "2024-01-02 03:04:05", 7L);
        assertThat(result.row(1).values())
                .containsExactly(5_000_000_000L, 12.0, "Tom", new byte[0], "2021-06-02", "2024-01-02 03:04:06", 8L);
        assertThat(result.columns()).startsWith(
                new Column("id", Long.class, "INTEGER"), new Column("weight", Double.class, "REAL"),
                new Column("name", String.class, "TEXT"), new Column("photo", byte[].class, "BLOB"),
                new Column("born", String.class, "DATE"), new Column("seen", String.class, "TIMESTAMP"));
        // An undeclared column: the driver names a type from the values; the Java type is theirs.
        assertThat(result.columns().get(6).javaType()).isEqualTo(Long.class);
    }

    @Test
    void aColumnHoldingValuesOfDifferentTypesIsTypedObject() throws SQLException {
        run("insert into pets (id, misc) values (1, 7), (2, 'seven'), (3, 7.5), (4, null)");

        QueryResult result = query("select misc from pets order by id");

        assertThat(result.stream().map(row -> row.get(0))).containsExactly(7L, "seven", 7.5, null);
        assertThat(result.columns().get(0).javaType()).isEqualTo(Object.class);
    }

    @Test
    void expressionsAreTypedByTheirValues() throws SQLException {
        QueryResult result = query("select 1 + 1 as two, 1.5 * 2 as three, 'a' || 'b' as ab, null as none");

        assertThat(result.row(0).values()).containsExactly(2L, 3.0, "ab", null);
        assertThat(result.columns()).extracting(Column::javaType)
                .containsExactly(Long.class, Double.class, String.class, Object.class);
    }

    @Test
    void anEmptyResultIsTypedByTheDeclaredAffinity() throws SQLException {
        QueryResult result = query("select * from pets");

        assertThat(result.columns()).extracting(Column::javaType).containsExactly(
                Long.class, Double.class, String.class, byte[].class, Object.class, Object.class, Object.class);
    }

    @Test
    void datesAndTimesAreStoredAsIsoTextWithSecondsAndReadBackAsText() throws SQLException {
        ParsedStatement insert = ParsedStatement.parse("insert into pets (id, born, seen, misc) values (:id, :born, :seen, :misc)");
        JdbcStatements.execute(connection, insert,
                Arrays.asList(1, LocalDate.of(2020, 5, 1), LocalDateTime.of(2024, 1, 2, 3, 4), LocalTime.of(10, 0)), null);
        JdbcStatements.execute(connection, insert, Arrays.asList(2, null,
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.ofHours(2)),
                Instant.parse("2024-01-02T03:04:05Z")), null);

        QueryResult result = query("select born, seen, misc, datetime(seen) = seen as canonical from pets order by id");

        assertThat(result.row(0).values()).containsExactly("2020-05-01", "2024-01-02 03:04:00", "10:00:00", 1L);
        assertThat(result.row(1).values())
                .containsExactly(null, "2024-01-02 03:04:05.6+02:00", "2024-01-02 03:04:05", 0L);
        assertThat(query("select count(*) from pets where seen < datetime('2024-01-02 03:04:01')").get(0, 0))
                .isEqualTo(1L);
    }

    @Test
    void anArrayParameterIsRefusedRatherThanStoredAsItsToString() {
        ParsedStatement insert = ParsedStatement.parse("insert into pets (name) values (?)");

        assertThatThrownBy(() -> JdbcStatements.execute(connection, insert, List.of((Object) new String[] {"a", "b"}), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter 1 is an array, but the database has no array type: give each element a"
                        + " parameter of its own");
        assertThatThrownBy(() -> JdbcStatements.execute(connection, insert, List.of((Object) new int[] {1, 2}), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcStatements.execute(connection, insert, List.of(List.of(1, 2)), null))
                .hasMessageStartingWith("Parameter 1 is a collection, but the database has no array type");
    }

    @Test
    void aListInInIsExpandedThoughSqliteHasNoArrays() throws SQLException {
        run("insert into pets (id, name) values (1, 'Rex'), (2, 'Tom'), (3, 'Kit')");
        ParsedStatement select = ParsedStatement.parse("select name from pets where id in (:ids) order by id");

        QueryResult result = JdbcStatements.query(connection, select,
                select.bind(io.connectionkit.api.QueryOptions.noCache().param("ids", List.of(3, 1))), null);

        assertThat(result.stream().map(row -> row.get(0))).containsExactly("Rex", "Kit");
    }
}
