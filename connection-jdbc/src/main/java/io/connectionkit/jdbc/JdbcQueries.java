package io.connectionkit.jdbc;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a JDBC connector's statements: {@code :name} and {@code ?} parameters found as its
 * database writes literals and comments ({@link SqlSyntax}), values bound, rows read into a
 * {@link QueryResult} of plain Java values ({@code Long}, {@code BigDecimal}, {@code String},
 * {@code LocalDate}, {@code OffsetDateTime}, {@code byte[]}, ...), every statement bounded by its
 * timeout and cancelled at the database past it or when its thread is interrupted, and queries
 * retried after a transient failure. What it needs of the connector is a {@link ConnectionSource}.
 * Caching is the connector's, through its context's query cache.
 *
 * <p>A query is tried up to 3 times in all, none begun past {@code retryWithin} from the first,
 * connections replaced between: again after any failure worth it before the statement was sent;
 * after it was sent only when the database refused it unrun ({@link FailureKind#NOT_RUN}), or the
 * connection was lost and the statement only reads and did not outlast the driver's socket
 * timeout, as running it again could change data twice or leave one more statement running at
 * the database. Thread-safe; immutable, so a connector builds another when its configuration
 * changes.
 */
public final class JdbcQueries {

    private static final int ATTEMPTS = 3;
    /** Whether a statement that only reads is sent again after its connection was lost: a query's is, execute's never. */
    private static final boolean RERUNS_READS = true;

    private final ConnectionSource source;
    private final ConnectionConfig config;
    private final Object owner;
    private final SqlSyntax syntax;
    private final @Nullable Duration queryTimeout;
    private final Duration retryWithin;
    private final String retryWithinSetting;
    private final Duration retryWait;
    private final boolean echo;
    private final Logger log;

    private JdbcQueries(Builder builder) {
        this.source = builder.source;
        this.config = builder.config;
        this.owner = builder.owner;
        this.syntax = builder.syntax;
        this.queryTimeout = builder.queryTimeout == null || builder.queryTimeout.isZero() ? null : builder.queryTimeout;
        this.retryWithin = builder.retryWithin;
        this.retryWithinSetting = builder.retryWithinSetting;
        this.retryWait = builder.retryWait;
        this.echo = builder.echo;
        this.log = LoggerFactory.getLogger(owner.getClass());
    }

    /**
     * Queries on the connections of {@code source}, whose errors are masked with the secrets of
     * {@code config} and named after {@code owner} (the connection, whose {@code toString()} must
     * hold no secret).
     */
    public static Builder builder(ConnectionSource source, ConnectionConfig config, Object owner) {
        return new Builder(source, config, owner);
    }

    /**
     * Whether {@code sql} has a statement that changes data: its result must not be cached or
     * shared between calls, as each call writes.
     *
     * @throws IllegalArgumentException when the text cannot be parsed (a {@code ?} beside {@code :name}, say)
     */
    public boolean changesData(String sql) {
        return parse(sql).changesData();
    }

    /**
     * Whether {@code sql} returns no rows: it has a statement that changes data and returns none
     * ({@code insert}, {@code update}, {@code create}, ... without {@code RETURNING}, or
     * {@code select ... into}), which {@link #query} and {@link #stream} refuse before they run; or
     * one that never returns rows ({@code set}, {@code begin}, {@code vacuum}, {@code use}, ...).
     * {@link #execute(String, QueryOptions)} runs either. A connector answers
     * {@link io.connectionkit.api.Executable#returnsNoRows} with it, so that generic code sends each
     * text where it runs. Reads the text alone: nothing is sent to the database.
     *
     * @throws IllegalArgumentException when the text cannot be parsed (a {@code ?} beside {@code :name}, say)
     */
    public boolean returnsNoRows(String sql) {
        return parse(sql).returnsNoRows();
    }

    /**
     * Runs a query with {@code :name} parameters or {@code ?} arguments from {@code options} and
     * reads every row; retried as the class says. A list given for a parameter alone in
     * {@code IN (...)} is expanded into one placeholder per element.
     *
     * @throws QueryException the database's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no
     *         parameter; or, before anything runs, for a text in which a statement changes data
     *         and returns no rows
     */
    public QueryResult query(String sql, QueryOptions options) {
        Objects.requireNonNull(options, "options");
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        Duration timeout = timeout(options);
        return retrying(sql, statement, RERUNS_READS, () -> true, connection ->
                JdbcStatements.query(connection, statement, values, timeout));
    }

    /**
     * {@link #query} through {@code cache}, the connection's query cache, after a miss there: the
     * result cached for the ttl of {@code options}, and one run shared by the calls that miss at
     * once; but a text that changes data runs on every call, as each call writes, never cached nor
     * shared. The connector looks for a hit itself first, for which nothing needs parsing.
     */
    public QueryResult queryOnMiss(QueryCache cache, String sql, QueryOptions options) {
        if (options.isCached() && changesData(sql)) {
            return query(sql, options);
        }
        // Bound only on a miss: a hit is keyed by the statement and options as given.
        return cache.get(sql, options, () -> query(sql, options));
    }

    /**
     * Hands the rows of a query to {@code chunks}, {@code chunkSize} rows at a time, read with that
     * fetch size so that the whole result never sits in memory; retried as {@link #query} is as
     * long as no chunk has been handed over. The timeout bounds the whole read, {@code chunks} included.
     *
     * @return the number of rows read
     */
    public long stream(String sql, QueryOptions options, int chunkSize, Consumer<QueryResult> chunks) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(chunks, "chunks");
        AtomicBoolean handedOver = new AtomicBoolean();
        Consumer<QueryResult> noting = chunk -> {
            handedOver.set(true);
            chunks.accept(chunk);
        };
        // The caller has rows of a run that failed after its first chunk: another would hand them over again.
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        Duration timeout = timeout(options);
        return retrying(sql, statement, RERUNS_READS, () -> !handedOver.get(), connection ->
                JdbcStatements.stream(connection, statement, values, chunkSize, timeout, noting));
    }

    /**
     * Runs a statement that changes data and returns its update count. Committed at once, also
     * when connections come with autocommit off. Tried again only when it cannot have run: it
     * could not be sent, or the database refused it unrun ({@link FailureKind#NOT_RUN}).
     */
    public int execute(String sql, QueryOptions options) {
        Objects.requireNonNull(options, "options");
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        Duration timeout = timeout(options);
        return retrying(sql, statement, !RERUNS_READS, () -> true, connection -> committed(connection, () ->
                JdbcStatements.execute(connection, statement, values, timeout)));
    }

    /**
     * Runs {@code sql} once for each map of {@code :name} parameters, as one JDBC batch, committed
     * at once; returns the update counts (which a driver may give as
     * {@link java.sql.Statement#SUCCESS_NO_INFO}). Tried again as {@link #execute(String, QueryOptions)} is.
     */
    public int[] batch(String sql, List<? extends Map<String, ?>> rows) {
        ParsedStatement statement = parse(sql);
        List<List<Object>> values = bindRows(statement, rows);
        return retrying(sql, statement, !RERUNS_READS, () -> true, connection -> committed(connection, () ->
                JdbcStatements.batch(connection, statement, values, queryTimeout)));
    }

    /** A statement's work on JDBC. */
    @FunctionalInterface
    private interface Execution<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} and commits it when {@code connection} has autocommit off, which would otherwise roll it back. */
    private <T> T committed(Connection connection, Execution<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            T result = work.run();
            if (!autoCommit) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (!autoCommit) {
                rollback(connection, e);
            }
            throw e;
        }
    }

    /** {@link #query} on {@code connection}, inside the caller's transaction: run once, never retried. */
    public QueryResult query(Connection connection, String sql, QueryOptions options) {
        Objects.requireNonNull(connection, "connection");
        return run(sql, options, (statement, values) ->
                JdbcStatements.query(connection, statement, values, timeout(options)));
    }

    /** {@link #execute(String, QueryOptions)} on {@code connection}, inside the caller's transaction. */
    public int execute(Connection connection, String sql, QueryOptions options) {
        Objects.requireNonNull(connection, "connection");
        return run(sql, options, (statement, values) ->
                JdbcStatements.execute(connection, statement, values, timeout(options)));
    }

    /**
     * Runs {@code sql} once for each map of {@code :name} parameters, as one JDBC batch on
     * {@code connection}; returns the update counts (which a driver may give as
     * {@link java.sql.Statement#SUCCESS_NO_INFO}). No rows, no statement.
     */
    public int[] batch(Connection connection, String sql, List<? extends Map<String, ?>> rows) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(sql, "sql");
        ParsedStatement statement = parse(sql);
        List<List<Object>> values = bindRows(statement, rows);
        echo(sql);
        try {
            return JdbcStatements.batch(connection, statement, values, queryTimeout);
        } catch (SQLException e) {
            throw sentFailure(sql, statement, e);
        }
    }

    private static List<List<Object>> bindRows(ParsedStatement statement, List<? extends Map<String, ?>> rows) {
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            values.add(statement.bind(QueryOptions.noCache().params(row)));
        }
        return values;
    }

    /**
     * Whether a cancel was sent on this thread's last statement, and forgets it: the connection it
     * ran on must not be lent again, as a driver may deliver a late cancel to its next statement.
     * For connectors that give a connection back themselves, such as after
     * {@link #query(Connection, String, QueryOptions)}; ask once per statement.
     */
    public static boolean cancelSentOnThisThread() {
        return RunningStatements.cancelSentOnThisThread();
    }

    /**
     * {@code error} as a {@link QueryException} of {@code sql} (which may be null), masked with the
     * connection's secrets, and transient as the connector's {@link ConnectionSource#classify} says.
     */
    public QueryException failure(@Nullable String sql, Throwable error) {
        SQLException driverError = error instanceof SQLException e ? e : null;
        QueryException failure = QueryException.of(sql, error, config);
        return driverError == null ? failure : withTransience(failure, source.classify(driverError) != FailureKind.PERMANENT);
    }

    /** One statement's work on a lent connection. */
    @FunctionalInterface
    private interface LentWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of the source, again after a failure worth it while
     * {@code mayRetry} says so, for 3 attempts in all, none begun past {@code retryWithin} from
     * the first: a call fails within that, and the wait before it, however the database fails.
     */
    private <T> T retrying(String sql, ParsedStatement statement, boolean rerunsReads, BooleanSupplier mayRetry,
                           LentWork<T> work) {
        // Up to a tick early: the retries of a call keep within retryWithin, a little short of it at most.
        long deadline = RunningStatements.coarseNanoTime() + retryWithin.toNanos();
        for (int attempt = 1; ; attempt++) {
            ConnectionSource.Lender lender = lenderFor(attempt, deadline);
            if (lender == null) {
                continue;
            }
            echo(sql);
            boolean sent = false;
            try {
                Connection connection = borrow(lender, sql, attempt == 1 ? 0 : deadline);
                sent = true;
                boolean given = false;
                try {
                    T result = work.run(connection);
                    given = true;
                    lender.giveBack(connection, RunningStatements.cancelSentOnThisThread());
                    return result;
                } catch (SQLException e) {
                    FailureKind kind = e instanceof StoppedStatementException ? FailureKind.PERMANENT : source.classify(e);
                    QueryException failure = sentFailure(sql, statement, e, kind, rerunsReads);
                    if (kind == FailureKind.CONNECTION_LOST && !failure.isTransient()) {
                        // Not sent again, but its connection was lost: the next call must not meet it.
                        lender.replaceConnections(failure, attempt);
                    }
                    throw failure;
                } finally {
                    if (!given) {
                        giveBackAfterFailure(lender, connection);
                    }
                }
            } catch (QueryException e) {
                if (!mayRetry.getAsBoolean()) {
                    throw e;
                }
                retryAfter(e, lender, attempt, deadline, sent);
            }
        }
    }

    /** A connection that failed goes back too; a failure to give it back must not hide the statement's. */
    private void giveBackAfterFailure(ConnectionSource.Lender lender, Connection connection) {
        try {
            lender.giveBack(connection, RunningStatements.cancelSentOnThisThread());
        } catch (SQLException | RuntimeException e) {
            log.debug("{}: a connection could not be given back after a failure: {}", owner, config.mask(e.getMessage()));
        }
    }

    /**
     * The lender for attempt {@code attempt}, or {@code null} to go on to the next attempt when
     * opening the source again after a reset failed transiently (the database may be back soon).
     */
    private ConnectionSource.@Nullable Lender lenderFor(int attempt, long deadline) {
        try {
            return source.lender();
        } catch (ConnectionException reconnect) {
            if (!QueryException.isTransient(reconnect) || attempt == ATTEMPTS || !timeLeftToRetry(deadline)) {
                throw reconnect;
            }
            pause(attempt, reconnect);
            return null;
        }
    }

    /**
     * Throws {@code failure} unless attempt {@code attempt} may be followed by another: it was
     * transient, or, before the statement was {@code sent}, the connections were replaced under it
     * by another thread, which is no fault of the query; and {@code retryWithin} leaves time for
     * it. Replaces the connections before the next attempt. (A sent statement's failure is
     * transient only if sending it again is safe: {@link #sentFailure}.)
     */
    private void retryAfter(QueryException failure, ConnectionSource.Lender lender, int attempt, long deadline,
                            boolean sent) {
        boolean replaced = lender.wasReplaced();
        if (!(failure.isTransient() || replaced && !sent) || attempt == ATTEMPTS || !timeLeftToRetry(deadline)) {
            throw failure;
        }
        if (!replaced) {
            lender.replaceConnections(failure, attempt);
            log.warn("{}: query failed with SQL state {} (attempt {} of {}); replacing its connections and retrying",
                    owner, failure.sqlState(), attempt, ATTEMPTS);
            pause(attempt, failure);
        }
    }

    /** Whether another attempt, after {@code retryWait}, would begin before {@code deadline}. */
    private boolean timeLeftToRetry(long deadline) {
        return deadline - System.nanoTime() > retryWait.toNanos();
    }

    /**
     * A connection of {@code lender} for a query, waiting until {@code deadline} at most (0: the
     * source's own timeout). A failure here came before the statement was sent, so retrying it
     * cannot run the statement twice.
     */
    private Connection borrow(ConnectionSource.Lender lender, String sql, long deadline) {
        try {
            if (deadline == 0) {
                return lender.borrow();
            }
            try (RunningStatements.Run wait = RunningStatements.watchWait(deadline)) {
                try {
                    return lender.borrow();
                } catch (SQLException | RuntimeException e) {
                    if (wait.stop() == RunningStatements.Stop.WAITED_TOO_LONG) {
                        SQLException driverError = e instanceof SQLException s ? s : null;
                        throw new QueryException("No connection of " + owner + " within " + retryWithinSetting
                                + " (" + StoppedStatementException.seconds(retryWithin)
                                + "), retries included: the database may be down", sql,
                                driverError == null ? null : driverError.getSQLState(),
                                driverError == null ? 0 : driverError.getErrorCode(), false, config.redact(e));
                    }
                    throw e;
                }
            }
        } catch (QueryException e) {
            return throwWithSql(e, sql);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static <T> T throwWithSql(QueryException failure, String sql) {
        if (failure.sql() != null) {
            throw failure;
        }
        throw new QueryException(failure.getMessage(), sql, failure.sqlState(), failure.vendorCode(),
                failure.isTransient(), failure.getCause());
    }

    /**
     * The failure of a statement that may have reached the database. A lost connection is
     * transient, and so retried, only for a statement that only reads and did not outlast the
     * driver's socket timeout: another could change data twice, or leave one more statement
     * running at the database for each attempt. A refusal before it ran is transient whatever it is.
     */
    private QueryException sentFailure(String sql, ParsedStatement statement, SQLException error) {
        return sentFailure(sql, statement, error,
                error instanceof StoppedStatementException ? FailureKind.PERMANENT : source.classify(error), true);
    }

    /** The same, for a statement of the retry loop, whose failure {@code kind} is known; {@code rerunsReads}: a query's. */
    private QueryException sentFailure(String sql, ParsedStatement statement, SQLException error, FailureKind kind,
                                       boolean rerunsReads) {
        if (error instanceof StoppedStatementException stopped) {
            if (stopped.byInterrupt()) {
                Thread.currentThread().interrupt(); // a driver may have cleared it
            }
            return QueryException.of(sql, new ConnectionException(stopped.getMessage(), stopped, false), config);
        }
        if (kind == FailureKind.NOT_RUN && ranSomeRows(error)) {
            return QueryException.of(sql, new ConnectionException(error.getMessage() + " (some rows of the batch ran"
                    + " before it; it was not run again)", error, false), config);
        }
        if (kind == FailureKind.CONNECTION_LOST) {
            boolean socketTimeout = hasSocketTimeout(error);
            if (socketTimeout || !(rerunsReads && statement.onlyReads())) {
                return QueryException.of(sql, new ConnectionException(error.getMessage() + " (after the statement was"
                        + " sent, " + (socketTimeout ? "when its answer outlasted the driver's socket timeout"
                        : "and it may change data") + "; it was not run again)", error, false), config);
            }
        }
        return withTransience(QueryException.of(sql, error, config), kind != FailureKind.PERMANENT);
    }

    /** Whether a batch failed after some of its rows ran: a refusal of one row is no refusal of the whole. */
    private static boolean ranSomeRows(SQLException error) {
        if (error instanceof BatchUpdateException batch) {
            for (int count : batch.getUpdateCounts()) {
                if (count != Statement.EXECUTE_FAILED) {
                    return true;
                }
            }
        }
        return false;
    }

    private static QueryException withTransience(QueryException failure, boolean isTransient) {
        return failure.isTransient() == isTransient ? failure : new QueryException(failure.getMessage(), failure.sql(),
                failure.sqlState(), failure.vendorCode(), isTransient, failure.getCause());
    }

    private static boolean hasSocketTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Waits {@code retryWait} before the next attempt. */
    private void pause(int attempt, RuntimeException failure) {
        if (retryWait.isZero()) {
            return;
        }
        log.debug("{}: attempt {} of {} after a wait of {}", owner, attempt + 1, ATTEMPTS, retryWait);
        try {
            Thread.sleep(retryWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** One statement's work, given the statement parsed and its values bound. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(ParsedStatement statement, List<Object> values) throws SQLException;
    }

    /** Parses and binds {@code sql}, echoes it, runs {@code work} once, and reports a failure with the SQL, redacted. */
    private <T> T run(String sql, QueryOptions options, StatementWork<T> work) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        echo(sql);
        try {
            return work.run(statement, values);
        } catch (SQLException e) {
            throw sentFailure(sql, statement, e);
        }
    }

    /** The timeout of {@code options} (zero: none), else the connector's, else none. */
    private @Nullable Duration timeout(QueryOptions options) {
        Duration timeout = options.timeout().orElse(queryTimeout);
        return timeout == null || timeout.isZero() ? null : timeout;
    }

    /** Rolls back; a failure to is added to {@code cause}, masked, as {@code cause} may reach the caller as it is. */
    private void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(config.redact(e));
        }
    }

    private ParsedStatement parse(String sql) {
        return ParsedStatement.parse(Objects.requireNonNull(sql, "sql"), syntax);
    }

    private void echo(String sql) {
        if (echo && log.isDebugEnabled()) {
            log.debug("{}: {}", owner, sql);
        }
    }

    /** The settings of a {@link JdbcQueries}; each has a default. */
    public static final class Builder {
        private final ConnectionSource source;
        private final ConnectionConfig config;
        private final Object owner;
        private SqlSyntax syntax = SqlSyntax.STANDARD;
        private @Nullable Duration queryTimeout;
        private Duration retryWithin = Duration.ofSeconds(30);
        private String retryWithinSetting = "pool_timeout";
        private Duration retryWait = Duration.ZERO;
        private boolean echo;

        private Builder(ConnectionSource source, ConnectionConfig config, Object owner) {
            this.source = Objects.requireNonNull(source, "source");
            this.config = Objects.requireNonNull(config, "config");
            this.owner = Objects.requireNonNull(owner, "owner");
        }

        /** How the database writes literals and comments; {@link SqlSyntax#STANDARD} by default. */
        public Builder syntax(SqlSyntax syntax) {
            this.syntax = Objects.requireNonNull(syntax, "syntax");
            return this;
        }

        /** The timeout of a statement whose options set none; {@code null} or zero (the default): none. */
        public Builder queryTimeout(@Nullable Duration queryTimeout) {
            this.queryTimeout = requireNotNegative(queryTimeout, "queryTimeout");
            return this;
        }

        /**
         * How long the attempts of one query may go on, counted from the first, and the name of the
         * setting users write it in, for the error that says it passed; 30 s and
         * {@code pool_timeout} by default.
         */
        public Builder retryWithin(Duration retryWithin, String settingName) {
            this.retryWithin = Objects.requireNonNull(requireNotNegative(retryWithin, "retryWithin"));
            this.retryWithinSetting = Objects.requireNonNull(settingName, "settingName");
            return this;
        }

        /** The wait before another attempt; none by default. */
        public Builder retryWait(Duration retryWait) {
            this.retryWait = Objects.requireNonNull(requireNotNegative(retryWait, "retryWait"));
            return this;
        }

        /** Whether each statement is logged, at DEBUG, under the owner's class; off by default. */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /** The queries, with these settings; the builder may go on to build others. */
        public JdbcQueries build() {
            return new JdbcQueries(this);
        }

        private static @Nullable Duration requireNotNegative(@Nullable Duration duration, String name) {
            if (duration != null && duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + duration);
            }
            return duration;
        }
    }
}
