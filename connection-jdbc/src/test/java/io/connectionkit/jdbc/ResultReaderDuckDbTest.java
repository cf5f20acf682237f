package io.connectionkit.jdbc;

import io.connectionkit.api.QueryResult;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DuckDB, in process: the types its driver gives in its own way. */
class ResultReaderDuckDbTest {

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private QueryResult query(String sql, Object... values) throws SQLException {
        return JdbcStatements.query(connection, ParsedStatement.parse(sql), Arrays.asList(values), null);
    }

    @Test
    void aBlobIsReadAsBytes() throws SQLException {
        QueryResult result = query("select 'x'::blob b, null::blob no_bytes");

        assertThat(result.row(0).values()).containsExactly(new byte[] {'x'}, null);
        assertThat(result.columns().get(0).javaType()).isEqualTo(byte[].class);
    }

    @Test
    void aTimeKeepsItsFraction() throws SQLException {
        QueryResult result = query("select time '10:00:00.5' t, [time '10:00:00.25'] ta");

        assertThat(result.get(0, "t")).isEqualTo(LocalTime.of(10, 0, 0, 500_000_000));
        assertThat(result.get(0, "ta")).isEqualTo(List.of(LocalTime.of(10, 0, 0, 250_000_000)));
    }

    @Test
    void aMapIsAnUnmodifiableMapOfPlainValues() throws SQLException {
        Object map = query("select map {'k': 1::int} m").get(0, "m");

        assertThat(map).isEqualTo(Map.of("k", 1L));
        assertThat(map).asInstanceOf(InstanceOfAssertFactories.MAP).isUnmodifiable();
    }

    @Test
    void aStructIsReadAsItsTextNotAsTheDriversObject() throws SQLException {
        QueryResult result = query("select {'a': 1, 'b': 'x'} s");

        assertThat(result.get(0, "s")).isEqualTo("{'a': 1, 'b': x}");
        assertThat(result.columns().get(0).javaType()).isEqualTo(String.class);
    }
}
