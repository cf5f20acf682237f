package com.example.duckdb;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded DuckDB database as a named connection: {@code query(sql)} answers with rows,
 * through the connection's query cache; {@code execute(sql)} runs a statement that changes
 * something, every time it is called; {@code read(file)} loads a CSV, Parquet or JSON file, cached
 * like a query. As {@link Queryable} and {@link Executable}, generic code (the {@code connections}
 * command line, say) runs any statement on it.
 *
 * <pre>{@code
 * [connections.sales]
 * type = "duckdb"
 * database = "sales.duckdb"     # or ":memory:" (the default)
 * }</pre>
 *
 * <p>The raw client is DuckDB's JDBC connection to the database; each statement runs on a
 * duplicate of it, DuckDB's way to share one database between threads.
 */
public final class DuckDBConnection extends BaseConnection<Connection> implements Queryable, Executable {

    /** The first words of DuckDB's statements that answer with rows; see {@link #returnsNoRows}. */
    private static final Set<String> ROW_VERBS = Set.of("select", "with", "values", "from", "table", "show",
            "describe", "summarize", "explain", "pivot", "unpivot", "pragma", "call");
    /** The first word of a text, past blanks, comments and opening parentheses. */
    private static final Pattern FIRST_WORD = Pattern.compile("(?:\\s|--[^\\n]*|/\\*.*?\\*/|\\()*(\\p{Alpha}+)",
            Pattern.DOTALL);
    private static final Pattern RETURNING = Pattern.compile("\\breturning\\b", Pattern.CASE_INSENSITIVE);
    /** A string literal or quoted name, whose words are no keywords. */
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"");

    public DuckDBConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected Connection connect(ConnectionConfig config) throws SQLException {
        DuckDBSettings settings = DuckDBSettings.from(config);
        return DriverManager.getConnection(settings.jdbcUrl(), settings.properties());
    }

    /**
     * Runs {@code sql}, a statement that answers with rows, with the positional ({@code ?})
     * parameters of {@code options.args(...)}, through this connection's query cache. A statement
     * without rows ({@code create}, {@code insert}, {@code copy}, {@code set}) is refused before it
     * runs: run it with {@link #execute}. One that changes data and returns rows
     * ({@code insert ... returning}) is cached like any query unless {@code options} is
     * {@link QueryOptions#noCache()}.
     *
     * @throws QueryException when DuckDB rejects the statement, when it has no rows, or when named
     *                        parameters are given
     */
    @Override
    public QueryResult query(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        return context().queryCache().get(sql, options, () -> run(sql, positional(sql, options), true, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return ResultRows.read(rows);
            }
        }));
    }

    /**
     * Runs {@code sql}, a statement without rows ({@code create}, {@code insert}, {@code update},
     * {@code copy}, {@code set}, {@code attach}, ...), with {@code args} bound in order to its
     * {@code ?} placeholders. Never cached: it runs every time it is called.
     *
     * @return the number of rows the statement changed; 0 for one that changes none, such as {@code create}
     * @throws QueryException when DuckDB rejects the statement, or when it answers with rows (run those with {@link #query})
     */
    public long execute(String sql, Object... args) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(args, "args");
        // DuckDB counts -1 for a statement that changes no rows.
        return run(sql, Arrays.asList(args), false, statement -> Math.max(0L, statement.executeLargeUpdate()));
    }

    /**
     * {@link #execute(String, Object...)} with the {@code ?} arguments of {@code options}, for code
     * that knows the connection only as {@link Executable}; its ttl and caching do not apply.
     *
     * @throws QueryException as {@link #execute(String, Object...)} does, and when named parameters are given
     */
    @Override
    public int execute(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        long count = run(sql, positional(sql, options), false, statement -> Math.max(0L, statement.executeLargeUpdate()));
        return (int) Math.min(Integer.MAX_VALUE, count); // the interface counts as JDBC's executeUpdate does
    }

    /**
     * Whether {@code sql} is a statement without rows, for {@link #execute}, by its first word:
     * anything but {@code select}, {@code with}, {@code values}, {@code from}, {@code table},
     * {@code show}, {@code describe}, {@code summarize}, {@code explain}, {@code pivot},
     * {@code unpivot}, {@code pragma} and {@code call}, unless the word {@code returning} is in the
     * text. {@link #query} asks DuckDB instead, which knows once a statement is prepared; but
     * preparing a text of several statements runs all but the last, so this reads the text alone,
     * and decides by its first statement. A rarer form ({@code with ... insert}, say) may then be
     * sent where DuckDB refuses it, before it runs: run it with the method that fits.
     */
    @Override
    public boolean returnsNoRows(String sql) {
        Objects.requireNonNull(sql, "sql");
        Matcher first = FIRST_WORD.matcher(sql);
        return first.lookingAt() && !ROW_VERBS.contains(first.group(1).toLowerCase(Locale.ROOT))
                && !RETURNING.matcher(QUOTED.matcher(sql).replaceAll("''")).find();
    }

    /**
     * {@link #read(Path, QueryOptions)} with the default caching: a file read once is answered
     * from the cache, as it was then, until its result is evicted or the connection is reset.
     */
    public QueryResult read(Path file) {
        return read(file, QueryOptions.defaults());
    }

    /**
     * Loads a {@code .csv}, {@code .tsv}, {@code .parquet}, {@code .json}, {@code .jsonl} or
     * {@code .ndjson} file; DuckDB infers the columns and their types. The path reaches DuckDB as
     * a bound parameter, never as SQL text. The result is cached by path, like any query: pass
     * {@link QueryOptions#noCache()}, or a {@link QueryOptions#ttl ttl}, to see a file that changes.
     *
     * @throws IllegalArgumentException when the file is missing, of another kind, or its name has a
     *                                  glob character ({@code * ? [}), which DuckDB would expand;
     *                                  or when {@code options} carries parameters
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

    /** The {@code ?} arguments of {@code options}. */
    private static List<Object> positional(String sql, QueryOptions options) {
        if (!options.parameters().isEmpty()) {
            throw new QueryException("DuckDB's JDBC driver binds positional parameters only: write ? in the SQL and "
                    + "pass the values with QueryOptions.args(...)", sql, null, 0, false, null);
        }
        return options.arguments();
    }

    /** One statement's work, once it is prepared and its arguments bound. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Prepares {@code sql} on a duplicate of the connection, binds {@code arguments} and runs
     * {@code work}, once sure that the statement answers with rows exactly when
     * {@code answersWithRows}: DuckDB knows as soon as it is prepared, so a write sent to
     * {@code query} is refused before it runs.
     */
    private <T> T run(String sql, List<Object> arguments, boolean answersWithRows, StatementWork<T> work) {
        try (Connection session = instance().unwrap(org.duckdb.DuckDBConnection.class).duplicate();
             PreparedStatement statement = session.prepareStatement(sql)) {
            StatementReturnType returns = statement.getMetaData().unwrap(DuckDBResultSetMetaData.class).getReturnType();
            if (answersWithRows && returns != StatementReturnType.QUERY_RESULT) {
                throw new QueryException("query(...) answers with rows, and caches them; run a statement without rows "
                        + "(create, insert, copy, ...) with execute(...), which runs it every time", sql, null, 0, false, null);
            }
            if (!answersWithRows && returns == StatementReturnType.QUERY_RESULT) {
                throw new QueryException("execute(...) runs statements without rows; this one answers with rows: "
                        + "run it with query(...)", sql, null, 0, false, null);
            }
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return work.run(statement);
        } catch (SQLException e) {
            throw QueryException.of(sql, e, config());
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
