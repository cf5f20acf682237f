package io.connectionkit.jdbc;

import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs statements on one JDBC connection: binds values ({@link ParameterBinder}), reads results
 * into plain Java values ({@link ResultReader}: {@code Long}, {@code BigDecimal}, {@code Double},
 * {@code String}, {@code LocalDate}, {@code LocalDateTime}, {@code OffsetDateTime},
 * {@code byte[]}, {@code Boolean}, ...). Knows nothing of pools, caches or retries. Closes every
 * statement and result set it opens, and throws the driver's {@link SQLException} as it is: the
 * caller adds the SQL and masks secrets. Each statement runs watched by {@link RunningStatements}:
 * cancelled at the database past its timeout or when its thread is interrupted, which fails it
 * with a {@link StoppedStatementException}.
 */
final class JdbcStatements {

    private JdbcStatements() {
    }

    /**
     * Runs a query and reads every row.
     *
     * @throws SQLException the driver's, or one saying the statement returned no result set
     *                      (an update run as a query)
     */
    static QueryResult query(Connection connection, ParsedStatement statement, List<Object> values,
                             @Nullable Duration timeout) throws SQLException {
        refuseWrite(statement);
        JdbcFlavor flavor = JdbcFlavor.of(connection);
        ParsedStatement.Bound bound = statement.expand(values);
        try (PreparedStatement prepared = connection.prepareStatement(bound.jdbcSql())) {
            ParameterBinder.bind(prepared, bound.values(), flavor);
            return watched(prepared, flavor, timeout, statement.onlyReads(), () -> {
                try (ResultSet rows = firstResultSet(prepared)) {
                    return ResultReader.of(rows, flavor, statement).read(Integer.MAX_VALUE);
                }
            });
        }
    }

    /**
     * Runs a query and hands its rows to {@code chunks}, {@code chunkSize} rows at a time, reading
     * with that fetch size so that no more than one chunk sits in memory. A result with no rows
     * gives one empty chunk, which still has the columns. On PostgreSQL, whose driver uses a cursor
     * only inside a transaction, autocommit is turned off for the read and the (read-only)
     * transaction rolled back after. An exception thrown by {@code chunks} ends the read and
     * propagates as it is.
     *
     * @return the number of rows read
     */
    static long stream(Connection connection, ParsedStatement statement, List<Object> values, int chunkSize,
                       @Nullable Duration timeout, Consumer<QueryResult> chunks) throws SQLException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        refuseWrite(statement);
        JdbcFlavor flavor = JdbcFlavor.of(connection);
        boolean ownTransaction = flavor.streamsOnlyInTransaction() && connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        Throwable failure = null;
        try {
            return streamRows(connection, flavor, statement, values, chunkSize, timeout, chunks);
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            if (ownTransaction) {
                endReadTransaction(connection, failure);
            }
        }
    }

    private static long streamRows(Connection connection, JdbcFlavor flavor, ParsedStatement statement,
                                   List<Object> values, int chunkSize, @Nullable Duration timeout,
                                   Consumer<QueryResult> chunks) throws SQLException {
        ParsedStatement.Bound bound = statement.expand(values);
        try (PreparedStatement prepared = connection.prepareStatement(bound.jdbcSql(),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            prepared.setFetchSize(flavor.streamingFetchSize(chunkSize));
            ParameterBinder.bind(prepared, bound.values(), flavor);
            return watched(prepared, flavor, timeout, statement.onlyReads(), () -> {
                try (ResultSet rows = firstResultSet(prepared)) {
                    ResultReader reader = ResultReader.of(rows, flavor, statement);
                    long total = 0;
                    do {
                        QueryResult chunk = reader.read(chunkSize);
                        if (chunk.rowCount() > 0 || total == 0) {
                            chunks.accept(chunk);
                        }
                        total += chunk.rowCount();
                    } while (!reader.exhausted());
                    return total;
                }
            });
        }
    }

    /** Rolls back the read's transaction and turns autocommit back on; a failure here joins an earlier one. */
    private static void endReadTransaction(Connection connection, Throwable failure) throws SQLException {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** Runs an update and returns its count. */
    static int execute(Connection connection, ParsedStatement statement, List<Object> values,
                       @Nullable Duration timeout) throws SQLException {
        JdbcFlavor flavor = JdbcFlavor.of(connection);
        if (flavor == JdbcFlavor.SQLITE && statement.statementCount() > 1) {
            // SQLite's driver prepares the first statement of a text and drops the rest without a word.
            throw new IllegalArgumentException("SQLite runs one statement at a time, and this text has "
                    + statement.statementCount() + "; nothing was run. Run each on its own: "
                    + ParsedStatement.abbreviate(statement.sql()));
        }
        ParsedStatement.Bound bound = statement.expand(values);
        try (PreparedStatement prepared = connection.prepareStatement(bound.jdbcSql())) {
            ParameterBinder.bind(prepared, bound.values(), flavor);
            return watched(prepared, flavor, timeout, false, prepared::executeUpdate);
        }
    }

    /**
     * Runs one statement for each list of values, as a JDBC batch; returns the update counts
     * (which a driver may give as {@link java.sql.Statement#SUCCESS_NO_INFO}). No rows, no statement.
     */
    static int[] batch(Connection connection, ParsedStatement statement, List<List<Object>> rows,
                       @Nullable Duration timeout) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        JdbcFlavor flavor = JdbcFlavor.of(connection);
        List<ParsedStatement.Bound> bound = rows.stream().map(statement::expand).toList();
        String jdbcSql = bound.get(0).jdbcSql();
        if (bound.stream().anyMatch(row -> !row.jdbcSql().equals(jdbcSql))) {
            throw new IllegalArgumentException("The rows of a batch give lists of different lengths for IN (...), which"
                    + " one batch cannot run: run them one by one with execute(...)");
        }
        try (PreparedStatement prepared = connection.prepareStatement(jdbcSql)) {
            for (ParsedStatement.Bound row : bound) {
                ParameterBinder.bind(prepared, row.values(), flavor);
                prepared.addBatch();
            }
            return watched(prepared, flavor, timeout, false, prepared::executeBatch);
        }
    }

    /** A statement's execution and reading, on the driver. */
    @FunctionalInterface
    private interface Execution<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code execution} of {@code statement} watched by {@link RunningStatements}. A run that
     * was stopped fails; one the driver completed anyway fails too if it {@code onlyReads}
     * (MySQL's {@code SLEEP()} returns early, with no error, when its statement is cancelled),
     * while a write that completed is done, committed under autocommit, and returns as it is.
     */
    private static <T> T watched(PreparedStatement statement, JdbcFlavor flavor, @Nullable Duration timeout,
                                 boolean onlyReads, Execution<T> execution) throws SQLException {
        // Aborted only if nothing it does can outlive the abort: it only reads, and no transaction of
        // the caller's goes on on its connection afterwards (HikariCP knows autocommit without asking the driver).
        boolean abortable = onlyReads && flavor.abortsStuckStatements() && statement.getConnection().getAutoCommit();
        try (RunningStatements.Run run = RunningStatements.watch(statement, timeout, abortable)) {
            T result;
            try {
                result = execution.run();
            } catch (SQLException e) {
                throw StoppedStatementException.orAsItIs(run, e);
            }
            StoppedStatementException stopped = onlyReads ? StoppedStatementException.of(run, null) : null;
            if (stopped != null) {
                throw stopped;
            }
            return result;
        }
    }

    /**
     * A statement that changes data and returns no rows would run, and commit, before the missing
     * result showed: refused before it runs, so that following the advice does not write twice.
     */
    private static void refuseWrite(ParsedStatement statement) {
        if (statement.changesDataWithoutRows()) {
            throw new IllegalArgumentException("query(...) and stream(...) run statements that return rows, and"
                    + " query(...) caches their results, but this text has a statement that changes data and returns"
                    + " none; it was not run. Run it with execute(...), then query(...) for what to read, or both in"
                    + " transaction(...); or add RETURNING to have a write return rows: "
                    + ParsedStatement.abbreviate(statement.sql()));
        }
    }

    /**
     * Executes {@code statement} and returns its first result set, past any update counts before
     * it (SQL Server reports those for the statements of a batch).
     */
    private static ResultSet firstResultSet(PreparedStatement statement) throws SQLException {
        boolean isResultSet = statement.execute();
        while (!isResultSet) {
            if (statement.getUpdateCount() == -1) {
                throw new SQLException("The statement returned no result set, not even an empty one; "
                        + "run statements that change data with execute(...), not query(...)");
            }
            isResultSet = statement.getMoreResults();
        }
        return statement.getResultSet();
    }
}
