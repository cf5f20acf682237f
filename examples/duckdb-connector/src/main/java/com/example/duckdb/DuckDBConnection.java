package com.example.duckdb;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Column;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An embedded DuckDB database as a named connection: {@code query(sql)} runs SQL with
 * {@code ?} parameters, {@code read(file)} loads a CSV, Parquet or JSON file. Results are
 * cached per connection as the options say.
 *
 * <pre>{@code
 * [connections.sales]
 * type = "duckdb"
 * database = "sales.duckdb"     # or ":memory:" (the default)
 * }</pre>
 *
 * <p>The raw client is DuckDB's JDBC connection to the database; each query runs on a
 * duplicate of it, DuckDB's way to share one database between threads.
 */
public final class DuckDBConnection extends BaseConnection<Connection> implements Queryable {

    public DuckDBConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected Connection connect(ConnectionConfig config) throws SQLException {
        DuckDBSettings settings = DuckDBSettings.from(config);
        return DriverManager.getConnection(settings.jdbcUrl(), settings.properties());
    }

    /**
     * Runs {@code sql} with the positional ({@code ?}) parameters of {@code options.args(...)},
     * through this connection's query cache. A statement without rows ({@code create},
     * {@code insert}, {@code copy}) answers with one column, {@code count}, of the rows it changed.
     *
     * @throws QueryException when DuckDB rejects the statement, or when named parameters are given
     */
    @Override
    public QueryResult query(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        return context().queryCache().get(sql, options, () -> run(sql, options.arguments(), options));
    }

    /** {@link #read(Path, QueryOptions)} with the default caching. */
    public QueryResult read(Path file) {
        return read(file, QueryOptions.defaults());
    }

    /**
     * Loads a {@code .csv}, {@code .tsv}, {@code .parquet}, {@code .json}, {@code .jsonl} or
     * {@code .ndjson} file; DuckDB infers the columns and their types. The path reaches DuckDB as
     * a bound parameter, never as SQL text.
     *
     * @throws IllegalArgumentException when the file is missing, of another kind, or its name has a
     *                                  glob character ({@code * ? [}), which DuckDB would expand
     */
    public QueryResult read(Path file, QueryOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path absolute = file.toAbsolutePath().normalize();
        String function = FileFormat.readerOf(absolute);
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new IllegalArgumentException("Cannot read " + absolute + ": not a readable file");
        }
        if (absolute.toString().chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            throw new IllegalArgumentException("Cannot read " + absolute + ": DuckDB takes *, ? and [ in a file name "
                    + "as a glob; rename the file");
        }
        if (!options.arguments().isEmpty() || !options.parameters().isEmpty()) {
            throw new IllegalArgumentException("read(file, options) takes no parameters; use query(sql, options)");
        }
        return query("select * from " + function + "(?)", options.args(absolute.toString()));
    }

    private QueryResult run(String sql, List<Object> arguments, QueryOptions options) {
        if (!options.parameters().isEmpty()) {
            throw new QueryException("DuckDB's JDBC driver binds positional parameters only: write ? in the SQL and "
                    + "pass the values with QueryOptions.args(...)", sql, null, 0, false, null);
        }
        try (Connection session = instance().unwrap(org.duckdb.DuckDBConnection.class).duplicate();
             PreparedStatement statement = session.prepareStatement(sql)) {
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            if (!statement.execute()) { // a statement without rows: create, insert, copy
                return QueryResult.of(List.of(Column.of("count", Long.class)),
                        List.of(List.of(Math.max(0L, statement.getLargeUpdateCount()))));
            }
            try (ResultSet rows = statement.getResultSet()) {
                return ResultRows.read(rows);
            }
        } catch (SQLException e) {
            throw QueryException.of(sql, config().redact(e));
        }
    }

    /** The table functions DuckDB reads files with, by file name extension. */
    private enum FileFormat {
        CSV("read_csv_auto", ".csv", ".tsv"),
        PARQUET("read_parquet", ".parquet"),
        JSON("read_json_auto", ".json", ".jsonl", ".ndjson");

        private final String function;
        private final List<String> extensions;

        FileFormat(String function, String... extensions) {
            this.function = function;
            this.extensions = List.of(extensions);
        }

        static String readerOf(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (FileFormat format : values()) {
                if (format.extensions.stream().anyMatch(name::endsWith)) {
                    return format.function;
                }
            }
            throw new IllegalArgumentException("Cannot read " + file + ": DuckDB reads .csv, .tsv, .parquet, .json, "
                    + ".jsonl and .ndjson files");
        }
    }
}
