package io.connectionkit.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Type {@code sql}: any JDBC database through a HikariCP pool; Streamlit's {@code SQLConnection}.
 *
 * <pre>{@code
 * SQLConnection db = Connections.get("pets", SQLConnection.class);
 * QueryResult owners = db.query("select * from pet_owners where age > :age",
 *         QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 30));
 * }</pre>
 *
 * <p>Configured by options over {@code [connections.<name>]}: {@code url} (JDBC, or
 * SQLAlchemy-style such as {@code postgresql://user@host:5432/db} or {@code sqlite:///pets.db}),
 * or {@code dialect}, {@code driver}, {@code username}, {@code password}, {@code host},
 * {@code port}, {@code database} and {@code query}; the pool by {@code create_engine_kwargs}.
 *
 * <p>{@link #query} results are cached in this connection's query cache for their ttl. A query
 * that fails transiently is retried up to 3 attempts in all, the pool's connections replaced
 * between, within {@code pool_timeout}: a failure to get a connection always, a connection lost
 * after the statement was sent only for a statement that only reads and did not outlast the
 * driver's socket timeout. Any other failure is thrown at once. Every statement is bounded by
 * {@code query_timeout} (or {@link QueryOptions#timeout(Duration)}) and cancelled at the database
 * when it passes, or when the calling thread is interrupted. Thread-safe.
 */
public final class SQLConnection extends BaseConnection<DataSource> implements Queryable {

    private static final Logger LOG = LoggerFactory.getLogger(SQLConnection.class);
    private static final int ATTEMPTS = 3;

    /** The settings of the configuration they were read from; replaced when the config changes. */
    private record Settings(ConnectionConfig config, SqlSettings settings, SqlScanner.Syntax syntax) {
        Settings(ConnectionConfig config, SqlSettings settings) {
            this(config, settings, SqlScanner.Syntax.of(settings.dialect()));
        }
    }

    private volatile Settings settings;

    public SQLConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected DataSource connect(ConnectionConfig config) throws SQLException {
        // Also runs inside the constructor, before field initializers would: hence no initializer
        // on the field it sets, which keeps dialect() from reading (and warning about) config twice.
        Settings read = new Settings(config, SqlSettings.from(config));
        settings = read;
        return SqlPool.open(config.path(), read.settings());
    }

    private SqlSettings settings() {
        return current().settings();
    }

    private Settings current() {
        ConnectionConfig config = config();
        Settings current = settings;
        if (current == null || current.config() != config) {
            current = new Settings(config, SqlSettings.from(config));
            settings = current;
        }
        return current;
    }

    /** The dialect: {@code postgresql}, {@code mysql}, {@code mariadb}, {@code sqlite}, {@code h2}, ... */
    public String dialect() {
        return settings().dialect();
    }

    /** The pool. */
    public DataSource dataSource() {
        return instance();
    }

    /** A connection from the pool, for plain JDBC; close it to give it back. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Runs a query and caches its result in this connection's query cache for the ttl of
     * {@code options}; {@code :name} parameters or {@code ?} arguments come from {@code options}.
     * A list given for a parameter alone in {@code IN (...)} is expanded into one placeholder per
     * element; elsewhere a list binds as an SQL array. A statement that changes data and returns
     * rows ({@code insert ... returning}) runs on every call, never cached.
     *
     * <p>Bounded by {@link QueryOptions#timeout(Duration)}, else {@code query_timeout}: past it,
     * and when the calling thread is interrupted, the statement is cancelled at the database and
     * the query fails at once (an interrupt stays set). A failure to get a connection is retried
     * (3 attempts in all, {@code retry_wait} apart) while {@code pool_timeout} lasts; a connection
     * lost once the statement was sent is retried only for a statement that only reads, and never
     * after the driver's socket timeout.
     *
     * @throws QueryException the database's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no
     *         parameter; or, before anything runs, for a text in which a statement changes data
     *         and returns no rows ({@code insert}, {@code update}, {@code create}, ... without
     *         {@code returning}), which {@link #execute(String, Object...)} runs
     */
    @Override
    public QueryResult query(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        QueryCache cache = context().queryCache();
        if (options.isCached()) {
            QueryResult hit = cache.getIfPresent(sql, options); // a write is never cached: no need to parse a hit
            if (hit != null) {
                return hit;
            }
            if (parse(sql).changesData()) {
                return load(sql, options); // each call writes: a cached result, or a load shared by two calls, would not
            }
        }
        // Bound only on a miss: a hit is keyed by the statement and options as given.
        return cache.get(sql, options, () -> load(sql, options));
    }

    private QueryResult load(String sql, QueryOptions options) {
        return retrying(sql, options, () -> true,
                (connection, statement, values, timeout) -> JdbcStatements.query(connection, statement, values, timeout));
    }

    /** One statement's work on a borrowed connection, given the statement parsed, its values bound and its timeout. */
    @FunctionalInterface
    private interface PooledWork<T> {
        T run(Connection connection, ParsedStatement statement, List<Object> values, @Nullable Duration timeout)
                throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of the pool, again after a transient failure while
     * {@code mayRetry} says so, for 3 attempts in all, none begun past {@code pool_timeout} from
     * the first: a call fails within that, and the wait before it, however the database fails.
     */
    private <T> T retrying(String sql, QueryOptions options, BooleanSupplier mayRetry, PooledWork<T> work) {
        // Up to a tick early: the retries of a call keep within pool_timeout, a little short of it at most.
        long deadline = RunningStatements.coarseNanoTime() + settings().pool().connectionTimeout().toNanos();
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        Duration timeout = timeout(options);
        for (int attempt = 1; ; attempt++) {
            DataSource pool = poolFor(attempt, deadline);
            if (pool == null) {
                continue;
            }
            echo(sql);
            boolean sent = false;
            try {
                Connection connection = borrow(pool, sql, attempt == 1 ? 0 : deadline);
                sent = true;
                try (connection) {
                    try {
                        return work.run(connection, statement, values, timeout);
                    } finally {
                        forgetIfCancelled(pool, connection); // before it goes back to the pool
                    }
                } catch (SQLException e) {
                    throw sentFailure(sql, statement, e);
                }
            } catch (QueryException e) {
                if (!mayRetry.getAsBoolean()) {
                    throw e;
                }
                retryAfter(e, pool, attempt, deadline, sent);
            }
        }
    }

    /**
     * The pool for attempt {@code attempt}, or {@code null} to go on to the next attempt when
     * opening it again after a reset failed transiently (the database may be back soon).
     */
    private @Nullable DataSource poolFor(int attempt, long deadline) {
        try {
            return dataSource();
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
     * transient, or, before the statement was {@code sent}, the pool was reset under it by another
     * thread, which is no fault of the query; and {@code pool_timeout} leaves time for it. Replaces
     * the pool's connections before the next attempt. (A sent statement's failure is transient only
     * if sending it again is safe: {@link #sentFailure}.)
     */
    private void retryAfter(QueryException failure, DataSource pool, int attempt, long deadline, boolean sent) {
        boolean replaced = pool instanceof HikariDataSource hikari && hikari.isClosed();
        if (!(failure.isTransient() || replaced && !sent) || attempt == ATTEMPTS || !timeLeftToRetry(deadline)) {
            throw failure;
        }
        if (!replaced) {
            replaceConnections(pool, failure, attempt);
            pause(attempt, failure);
        }
    }

    /** Whether another attempt, after {@code retry_wait}, would begin before {@code deadline}. */
    private boolean timeLeftToRetry(long deadline) {
        return deadline - System.nanoTime() > settings().retryWait().toNanos();
    }

    /**
     * A connection of {@code pool} for a query, waiting until {@code deadline} at most (0: the
     * pool's own {@code pool_timeout}). A pool whose every connection stayed in use for its whole
     * timeout has lost none: that failure is not retried, which would only wait the timeout twice
     * more, and does not replace the pool's connections, which are sound. A failure here came
     * before the statement was sent, so retrying it cannot run the statement twice.
     */
    private Connection borrow(DataSource pool, String sql, long deadline) {
        try {
            if (deadline == 0) {
                return pool.getConnection();
            }
            try (RunningStatements.Run wait = RunningStatements.watchWait(deadline)) {
                try {
                    return pool.getConnection();
                } catch (SQLException e) {
                    if (wait.stop() == RunningStatements.Stop.WAITED_TOO_LONG) {
                        throw new QueryException("No connection of " + this + " within pool_timeout ("
                                + StoppedStatementException.seconds(settings().pool().connectionTimeout())
                                + "), retries included: the database may be down", sql, e.getSQLState(),
                                e.getErrorCode(), false, config().redact(e));
                    }
                    throw e;
                }
            }
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() != null) {
                throw failure(sql, e); // HikariCP gives the failure that kept it from opening a connection: the database may be back soon
            }
            // HikariCP's message says how long it waited.
            throw new QueryException("No connection of " + this + " came free within pool_timeout: "
                    + config().mask(e.getMessage()) + ". Raise pool_size,"
                    + " max_overflow or pool_timeout in create_engine_kwargs, or hold connections for less time",
                    sql, e.getSQLState(), e.getErrorCode(), false, config().redact(e));
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * The failure of a statement that may have reached the database. A lost connection is
     * transient, and so retried, only for a statement that only reads and did not outlast the
     * driver's socket timeout: another could change data twice, or leave one more statement
     * running at the database for each attempt.
     */
    private QueryException sentFailure(String sql, ParsedStatement statement, SQLException error) {
        if (error instanceof StoppedStatementException stopped) {
            if (stopped.byInterrupt()) {
                Thread.currentThread().interrupt(); // a driver may have cleared it
            }
            return failure(sql, new ConnectionException(stopped.getMessage(), stopped, false));
        }
        if (QueryException.isTransient(error)) {
            boolean socketTimeout = hasSocketTimeout(error);
            if (socketTimeout || !statement.onlyReads()) {
                return failure(sql, new ConnectionException(error.getMessage() + " (after the statement was sent, "
                        + (socketTimeout ? "when its answer outlasted the driver's socket timeout" : "and it may change data")
                        + "; it was not run again)", error, false));
            }
        }
        return failure(sql, error);
    }

    /**
     * Takes out of the pool a connection on which a cancel was sent: a late one would end the next
     * statement it runs (MariaDB's driver kills the connection's current query, SQLite interrupts
     * the connection).
     */
    private static void forgetIfCancelled(DataSource pool, Connection connection) {
        if (RunningStatements.cancelSentOnThisThread() && pool instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
        }
    }

    private static boolean hasSocketTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a transient failure: the pool's connections are replaced (those in use when they come
     * back), which is what a reset would achieve, without closing the pool under the threads that
     * wait for one of its connections, and without a reset by every thread that saw the failure.
     */
    private void replaceConnections(DataSource pool, QueryException failure, int attempt) {
        if (pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
        LOG.warn("{}: query failed with SQL state {} (attempt {} of {}); replacing the pool's connections and retrying",
                this, failure.sqlState(), attempt, ATTEMPTS);
    }

    /** Waits {@code retry_wait} before the next attempt. */
    private void pause(int attempt, RuntimeException failure) {
        Duration wait = settings().retryWait();
        if (wait.isZero()) {
            return;
        }
        LOG.debug("{}: attempt {} of {} after retry_wait", this, attempt + 1, ATTEMPTS);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /**
     * Streams a large result: hands {@code chunks} up to {@code chunkSize} rows at a time, read
     * with that fetch size, so that the whole result never sits in memory. Never cached. Bounded,
     * cancelled and retried as {@link #query} is, as long as no chunk has been handed over; the
     * timeout bounds the whole read, {@code chunks} included.
     *
     * @return the number of rows read
     */
    public long stream(String sql, QueryOptions options, int chunkSize, Consumer<QueryResult> chunks) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(chunks, "chunks");
        AtomicBoolean handedOver = new AtomicBoolean();
        Consumer<QueryResult> noting = chunk -> {
            handedOver.set(true);
            chunks.accept(chunk);
        };
        // The caller has rows of a run that failed after its first chunk: another would hand them over again.
        return retrying(sql, options, () -> !handedOver.get(), (connection, statement, values, timeout) ->
                JdbcStatements.stream(connection, statement, values, chunkSize, timeout, noting));
    }

    /**
     * Runs an update with {@code :name} parameters; returns the update count. Committed at once,
     * also when the pool lends connections with {@code autocommit = false}. Not retried.
     */
    public int execute(String sql, Map<String, ?> params) {
        return execute(sql, QueryOptions.noCache().params(params));
    }

    /** Runs an update with {@code ?} arguments (or none); returns the update count. Committed at once. Not retried. */
    public int execute(String sql, @Nullable Object... args) {
        return execute(sql, QueryOptions.noCache().args(args));
    }

    /** Commits its own work when the pool lends connections with autocommit off, which would otherwise roll it back. */
    private int execute(String sql, QueryOptions options) {
        return run(sql, options, (statement, values) -> {
            DataSource pool = dataSource();
            try (Connection connection = pool.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                try {
                    int count = JdbcStatements.execute(connection, statement, values, timeout(options));
                    if (!autoCommit) {
                        connection.commit();
                    }
                    return count;
                } catch (SQLException | RuntimeException e) {
                    if (!autoCommit) {
                        rollback(connection, e);
                    }
                    throw e;
                } finally {
                    forgetIfCancelled(pool, connection);
                }
            }
        });
    }

    /** One statement's work on JDBC, given the statement parsed and its values bound. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(ParsedStatement statement, List<Object> values) throws SQLException;
    }

    /**
     * Parses and binds {@code sql}, echoes it, runs {@code work} once, and reports a failure with
     * the SQL, redacted.
     */
    private <T> T run(String sql, QueryOptions options, StatementWork<T> work) {
        ParsedStatement statement = parse(sql);
        List<Object> values = statement.bind(options);
        echo(sql);
        try {
            return work.run(statement, values);
        } catch (SQLException e) {
            throw sentFailure(sql, statement, e);
        }
    }

    /** The timeout of {@code options} (zero: none), else {@code query_timeout}, else none. */
    private @Nullable Duration timeout(QueryOptions options) {
        Duration timeout = options.timeout().orElse(settings().queryTimeout());
        return timeout == null || timeout.isZero() ? null : timeout;
    }

    /** {@code sql} parsed as this connection's database writes its literals and comments. */
    private ParsedStatement parse(String sql) {
        return ParsedStatement.parse(sql, current().syntax());
    }

    /** Runs an update once for each map of {@code :name} parameters, as one JDBC batch in one transaction. */
    public int[] batch(String sql, List<? extends Map<String, ?>> rows) {
        return transaction(tx -> tx.batch(sql, rows));
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back and rethrows when
     * it throws (a checked exception wrapped in a {@link QueryException}).
     */
    public <T> T transaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        DataSource pool = dataSource();
        try (Connection connection = pool.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(new JdbcTransaction(connection));
                connection.commit();
                return result;
            } catch (Throwable e) {
                rollback(connection, e);
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e instanceof Error error) {
                    throw error;
                }
                throw failure(null, e);
            } finally {
                restoreAutoCommit(connection, autoCommit);
                forgetIfCancelled(pool, connection);
            }
        } catch (SQLException e) {
            throw failure(null, e);
        }
    }

    /**
     * Runs {@code work}, which returns nothing, in one transaction: commits when it returns, rolls
     * back and rethrows when it throws, as {@link #transaction(TransactionWork)} does.
     *
     * <pre>{@code
     * db.inTransaction(tx -> {
     *     tx.execute("update accounts set balance = balance - :n where id = :from", Map.of("n", 10, "from", 1));
     *     tx.execute("update accounts set balance = balance + :n where id = :to", Map.of("n", 10, "to", 2));
     * });
     * }</pre>
     */
    public void inTransaction(TransactionAction work) {
        Objects.requireNonNull(work, "work");
        transaction(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** The pool would restore it too; a connection that broke must not hide the work's own failure. */
    private void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("{}: could not restore autocommit on a connection the pool will discard: {}", this,
                    config().mask(e.getMessage()));
        }
    }

    /** Rolls back; a failure to is added to {@code cause}, masked, as {@code cause} may reach the caller as it is. */
    private void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(config().redact(e));
        }
    }

    private QueryException failure(String sql, Throwable error) {
        return QueryException.of(sql, error, config());
    }

    private void echo(String sql) {
        if (LOG.isDebugEnabled() && settings().echo()) {
            LOG.debug("{}: {}", name(), sql);
        }
    }

    /** Names the connection, its dialect and where it was configured; never a secret. */
    @Override
    public String toString() {
        String dialect;
        try {
            dialect = dialect();
        } catch (ConnectionException e) {
            dialect = "?";
        }
        return "SQLConnection[name=" + name() + ", type=" + type() + ", dialect=" + dialect + ", from="
                + config().source() + "]";
    }

    /** Statements on the transaction's one connection. */
    private final class JdbcTransaction implements Transaction {
        private final Connection connection;

        JdbcTransaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public QueryResult query(String sql, QueryOptions options) {
            return run(sql, options, (statement, values) ->
                    JdbcStatements.query(connection, statement, values, timeout(options)));
        }

        @Override
        public int execute(String sql, Map<String, ?> params) {
            return update(sql, QueryOptions.noCache().params(params));
        }

        @Override
        public int execute(String sql, @Nullable Object... args) {
            return update(sql, QueryOptions.noCache().args(args));
        }

        private int update(String sql, QueryOptions options) {
            return run(sql, options, (statement, values) ->
                    JdbcStatements.execute(connection, statement, values, timeout(options)));
        }

        @Override
        public int[] batch(String sql, List<? extends Map<String, ?>> rows) {
            ParsedStatement statement = parse(sql);
            List<List<Object>> values = new ArrayList<>(rows.size());
            for (Map<String, ?> row : rows) {
                values.add(statement.bind(QueryOptions.noCache().params(row)));
            }
            echo(sql);
            try {
                return JdbcStatements.batch(connection, statement, values, settings().queryTimeout());
            } catch (SQLException e) {
                throw sentFailure(sql, statement, e);
            }
        }

        @Override
        public Connection jdbcConnection() {
            return connection;
        }

        @Override
        public String toString() {
            return "Transaction of " + SQLConnection.this;
        }
    }
}
