package io.connectionkit.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import io.connectionkit.jdbc.ConnectionSource;
import io.connectionkit.jdbc.JdbcQueries;
import io.connectionkit.jdbc.SqlSyntax;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
public final class SQLConnection extends BaseConnection<DataSource> implements Queryable, Executable {

    private static final Logger LOG = LoggerFactory.getLogger(SQLConnection.class);

    /** The settings of the configuration they were read from, and its queries; replaced when the config changes. */
    private record Settings(ConnectionConfig config, SqlSettings settings, JdbcQueries queries) {
    }

    private volatile Settings settings;

    public SQLConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected DataSource connect(ConnectionConfig config) throws SQLException {
        // Also runs inside the constructor, before field initializers would: hence no initializer
        // on the field it sets, which keeps dialect() from reading (and warning about) config twice.
        Settings read = settingsOf(config);
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
            current = settingsOf(config);
            settings = current;
        }
        return current;
    }

    private Settings settingsOf(ConnectionConfig config) {
        SqlSettings read = SqlSettings.from(config);
        JdbcQueries queries = JdbcQueries.builder(new PoolSource(), config, this)
                .syntax(SqlSyntax.of(read.dialect()))
                .queryTimeout(read.queryTimeout())
                .retryWithin(read.pool().connectionTimeout(), "pool_timeout")
                .retryWait(read.retryWait())
                .echo(read.echo())
                .build();
        return new Settings(config, read, queries);
    }

    private JdbcQueries queries() {
        return current().queries();
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
        }
        return queries().queryOnMiss(cache, sql, options);
    }

    /** The pool's connections, for {@link JdbcQueries}: the pool as it is now, opened again after a reset. */
    private final class PoolSource implements ConnectionSource {
        @Override
        public Lender lender() {
            return new PoolLender(dataSource());
        }
    }

    private final class PoolLender implements ConnectionSource.Lender {
        private final DataSource pool;

        PoolLender(DataSource pool) {
            this.pool = pool;
        }

        /**
         * A pool whose every connection stayed in use for its whole timeout has lost none: that
         * failure is not retried, which would only wait the timeout twice more, and does not
         * replace the pool's connections, which are sound.
         */
        @Override
        public Connection borrow() throws SQLException {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() != null) {
                    throw e; // HikariCP gives the failure that kept it from opening a connection: the database may be back soon
                }
                // HikariCP's message says how long it waited.
                throw new QueryException("No connection of " + SQLConnection.this + " came free within pool_timeout: "
                        + config().mask(e.getMessage()) + ". Raise pool_size, max_overflow or pool_timeout in"
                        + " create_engine_kwargs, or hold connections for less time",
                        null, e.getSQLState(), e.getErrorCode(), false, config().redact(e));
            }
        }

        /**
         * Takes out of the pool a connection on which a cancel was sent: a late one would end the
         * next statement it runs (MariaDB's driver kills the connection's current query, SQLite
         * interrupts the connection).
         */
        @Override
        public void giveBack(Connection connection, boolean cancelSent) throws SQLException {
            if (cancelSent && pool instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            }
            connection.close();
        }

        @Override
        public boolean wasReplaced() {
            return pool instanceof HikariDataSource hikari && hikari.isClosed();
        }

        /**
         * The pool's connections are replaced (those in use when they come back), which is what a
         * reset would achieve, without closing the pool under the threads that wait for one of its
         * connections, and without a reset by every thread that saw the failure.
         */
        @Override
        public void replaceConnections(QueryException failure, int attempt) {
            if (pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
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
        return queries().stream(sql, options, chunkSize, chunks);
    }

    /**
     * Runs an update with {@code :name} parameters; returns the update count. Committed at once,
     * also when the pool lends connections with {@code autocommit = false}. Tried again only when
     * no connection could be had for it (within {@code pool_timeout}): once sent, it may have run.
     */
    public int execute(String sql, Map<String, ?> params) {
        return queries().execute(sql, QueryOptions.noCache().params(params));
    }

    /** Runs an update with {@code ?} arguments (or none); returns the update count; committed and tried as {@link #execute(String, Map)}. */
    public int execute(String sql, @Nullable Object... args) {
        return queries().execute(sql, QueryOptions.noCache().args(args));
    }

    /**
     * Runs an update with the {@code :name} parameters or {@code ?} arguments of {@code options},
     * and its timeout; never cached, whatever its ttl. Returns the update count; committed and
     * tried as {@link #execute(String, Map)}. For code that holds options, or knows the connection
     * only as {@link Executable}.
     *
     * @throws QueryException the database's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no parameter
     */
    @Override
    public int execute(String sql, QueryOptions options) {
        return queries().execute(sql, options);
    }

    /**
     * Whether {@code sql} has a statement that changes data and returns no rows: exactly the texts
     * {@link #query} refuses before it runs, and {@link #execute(String, QueryOptions)} runs. Reads
     * the text alone, in this connection's dialect; nothing is sent to the database.
     *
     * @throws IllegalArgumentException when the text mixes {@code :name} parameters and {@code ?} placeholders
     */
    @Override
    public boolean returnsNoRows(String sql) {
        return queries().returnsNoRows(sql);
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
                if (JdbcQueries.cancelSentOnThisThread() && pool instanceof HikariDataSource hikari) {
                    hikari.evictConnection(connection); // a late cancel would end its next statement
                }
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

    private QueryException failure(@Nullable String sql, Throwable error) {
        return queries().failure(sql, error);
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
            return queries().query(connection, sql, options);
        }

        @Override
        public int execute(String sql, Map<String, ?> params) {
            return queries().execute(connection, sql, QueryOptions.noCache().params(params));
        }

        @Override
        public int execute(String sql, @Nullable Object... args) {
            return queries().execute(connection, sql, QueryOptions.noCache().args(args));
        }

        @Override
        public int[] batch(String sql, List<? extends Map<String, ?>> rows) {
            return queries().batch(connection, sql, rows);
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
