package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large results arrive in chunks of at most the chunk size, and a failing consumer leaves nothing open. */
class JdbcStatementsStreamTest {

    private static final String TEN_THOUSAND = "select x as n, 'row ' || x as label from system_range(1, 10000) order by x";

    @TempDir
    Path dir;

    private static long stream(Connection connection, String sql, QueryOptions options, int chunkSize,
                               Consumer<QueryResult> chunks) throws SQLException {
        ParsedStatement statement = ParsedStatement.parse(sql);
        return JdbcStatements.stream(connection, statement, statement.bind(options), chunkSize, null, chunks);
    }

    @Test
    void tenThousandRowsArriveInTenChunksOfAThousandInOrder() throws SQLException {
        List<Integer> sizes = new ArrayList<>();
        List<Object> numbers = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            long total = stream(connection, TEN_THOUSAND, QueryOptions.noCache(), 1000, chunk -> {
                assertThat(chunk.rowCount()).isLessThanOrEqualTo(1000);
                assertThat(chunk.columns()).containsExactly(new Column("N", Long.class, "BIGINT"),
                        new Column("LABEL", String.class, "CHARACTER VARYING"));
                sizes.add(chunk.rowCount());
                chunk.forEach(row -> numbers.add(row.get("n")));
            });

            assertThat(total).isEqualTo(10_000);
        }
        assertThat(sizes).hasSize(10).containsOnly(1000);
        assertThat(numbers).hasSize(10_000).startsWith(1L, 2L).endsWith(9_999L, 10_000L).doesNotHaveDuplicates();
    }

    @Test
    void theLastChunkHoldsTheRemainder() throws SQLException {
        List<Integer> sizes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            long total = stream(connection, "select x from system_range(1, :last)",
                    QueryOptions.noCache().param("last", 2500), 1000, chunk -> sizes.add(chunk.rowCount()));

            assertThat(total).isEqualTo(2500);
        }
        assertThat(sizes).containsExactly(1000, 1000, 500);
    }

    @Test
    void anEmptyResultGivesOneEmptyChunkWithItsColumns() throws SQLException {
        List<QueryResult> chunks = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            long total = stream(connection, "select x as n from system_range(1, 10) where x > 10",
                    QueryOptions.noCache(), 100, chunks::add);

            assertThat(total).isZero();
        }
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.isEmpty()).isTrue();
            assertThat(chunk.columnNames()).containsExactly("N");
        });
    }

    @Test
    void aChunkSizeBelowOneIsRefused() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> stream(connection, TEN_THOUSAND, QueryOptions.noCache(), 0, chunk -> { }))
                    .withMessage("chunkSize must be at least 1: 0");
        }
    }

    @Test
    void aConsumersExceptionStopsTheReadAndPropagatesAsItIs() throws SQLException {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> sizes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            assertThatThrownBy(() -> stream(connection, TEN_THOUSAND, QueryOptions.noCache(), 1000, chunk -> {
                sizes.add(chunk.rowCount());
                if (sizes.size() == 2) {
                    throw boom;
                }
            })).isSameAs(boom);

            assertThat(sizes).containsExactly(1000, 1000);
            assertThat(connection.getAutoCommit()).isTrue();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from system_range(1, 3)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
        }
    }

    /**
     * On SQLite an open read holds a lock on the file that stops another connection from
     * writing: the write succeeding proves the read's statement was closed.
     */
    @Test
    void aConsumersExceptionClosesTheStatement() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("numbers.db");
        try (Connection reader = DriverManager.getConnection(url);
             Connection writer = DriverManager.getConnection(url)) {
            try (Statement setUp = reader.createStatement()) {
                setUp.execute("create table numbers (n integer)");
                setUp.execute("with recursive s(n) as (select 1 union all select n + 1 from s where n < 5000) "
                        + "insert into numbers select n from s");
            }
            try (Statement noWaiting = writer.createStatement()) {
                noWaiting.execute("pragma busy_timeout = 0");
            }
            assertWritingFailsWhileAReadIsOpen(reader, writer);

            RuntimeException boom = new RuntimeException("boom");
            assertThatThrownBy(() -> stream(reader, "select n from numbers", QueryOptions.noCache(), 100, chunk -> {
                throw boom;
            })).isSameAs(boom);

            try (Statement write = writer.createStatement()) {
                assertThat(write.executeUpdate("insert into numbers values (0)")).isEqualTo(1);
            }
        }
    }

    /** The premise of the test above: an open read does block a write. */
    private static void assertWritingFailsWhileAReadIsOpen(Connection reader, Connection writer) throws SQLException {
        try (PreparedStatement read = reader.prepareStatement("select n from numbers");
             ResultSet rows = read.executeQuery()) {
            assertThat(rows.next()).isTrue();
            try (Statement write = writer.createStatement()) {
                assertThatThrownBy(() -> write.executeUpdate("insert into numbers values (0)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("SQLITE_BUSY");
            }
        }
    }

    @Test
    void sqliteStreamsItsValuesByType() throws SQLException {
        List<QueryResult> chunks = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mixed.db"))) {
            long total = stream(connection, "select 1 as a, 2.5 as b union all select 'x', null", QueryOptions.noCache(),
                    1, chunks::add);

            assertThat(total).isEqualTo(2);
        }
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).row(0).values()).containsExactly(1L, 2.5);
        assertThat(chunks.get(1).row(0).values()).containsExactly("x", null);
    }
}
