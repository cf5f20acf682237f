package io.connectionkit.sql;

import io.connectionkit.api.QueryResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs statements on one JDBC connection: binds values, reads results into plain Java values
 * ({@code Long}, {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code byte[]}, {@code Boolean}, ...). Knows nothing of pools, caches or
 * retries.
 */
final class JdbcStatements {

    private JdbcStatements() {
    }

    /** Runs a query and reads every row. */
    static QueryResult query(Connection connection, ParsedStatement statement, List<Object> values) throws SQLException {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Runs a query and hands its rows to {@code chunks}, {@code chunkSize} rows at a time, reading
     * with that fetch size so that no more than one chunk sits in memory.
     *
     * @return the number of rows read
     */
    static long stream(Connection connection, ParsedStatement statement, List<Object> values, int chunkSize,
                       Consumer<QueryResult> chunks) throws SQLException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Runs an update and returns its count. */
    static int execute(Connection connection, ParsedStatement statement, List<Object> values) throws SQLException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Runs one statement for each list of values, as a JDBC batch; returns the update counts. */
    static int[] batch(Connection connection, ParsedStatement statement, List<List<Object>> rows) throws SQLException {
        throw new UnsupportedOperationException("TODO");
    }
}
