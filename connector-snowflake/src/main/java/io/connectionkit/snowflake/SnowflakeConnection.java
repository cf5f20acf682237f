package io.connectionkit.snowflake;

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
import io.connectionkit.jdbc.JdbcQueries;
import io.connectionkit.jdbc.SqlSyntax;
import io.connectionkit.snowflake.driver.SharedConnectionSource;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Type {@code snowflake}: Snowflake through its JDBC driver; Streamlit's {@code SnowflakeConnection}.
 *
 * <pre>{@code
 * SnowflakeConnection snow = Connections.get("snowflake", SnowflakeConnection.class);
 * QueryResult owners = snow.query("select * from pet_owners where age > ?",
 *         QueryOptions.ttl(Duration.ofMinutes(10)).args(30));
 * }</pre>
 *
 * <p>Configured, from the first place that has it, by the {@code [connections.<name>]} section
 * of the secrets with options over it; else, for the names {@code snowflake} and {@code default},
 * Snowflake's default connection in {@code connections.toml} (in {@code $SNOWFLAKE_HOME}, else
 * {@code ~/.snowflake/}); else the connection of that name there. Keys are those of Snowflake's
 * Python connector: {@code account}, {@code user}, {@code password}, {@code warehouse},
 * {@code database}, {@code schema}, {@code role}, {@code authenticator},
 * {@code private_key_file}, {@code private_key_file_pwd}, {@code token}, {@code host},
 * {@code port}, {@code protocol}, ...; the rest go to the driver as they are. A password,
 * passphrase or token goes to the driver as a property, never inside the URL.
 *
 * <p>One JDBC connection, which the driver lets threads share, serves every statement. A query
 * that only reads and whose session or token expired (Snowflake's codes 390110 to 390115, 390400)
 * or whose network failed is retried on a new connection, 3 attempts in all, {@code retry_wait}
 * apart and within {@code login_timeout}; a write that met the same is not sent again (it may
 * have started), and the next call gets a new connection. A failed login or anything else fails
 * at once. Statements are bounded by {@code query_timeout} (or
 * {@link QueryOptions#timeout(Duration)}) and cancelled at Snowflake past it or when the calling
 * thread is interrupted. Thread-safe.
 */
public final class SnowflakeConnection extends BaseConnection<Connection> implements Queryable, Executable {

    /** The settings a connection was made with, its statements, and the connection itself. */
    private record Session(SnowflakeSettings settings, JdbcQueries queries, Connection connection) {
    }

    private volatile @Nullable Session session;

    public SnowflakeConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected Connection connect(ConnectionConfig config) throws SQLException {
        SnowflakeSettings settings = SnowflakeConfigSearch.resolve(context());
        Connection connection;
        try {
            connection = DriverManager.getConnection(settings.jdbcUrl(), settings.driverProperties());
        } catch (SQLException e) {
            // Masked with the settings' own secrets, which may come from connections.toml, not config.
            throw settings.loginFailed("Snowflake's JDBC driver", e);
        }
        JdbcQueries queries = JdbcQueries.builder(new SessionSource(), settings.config(), this)
                .syntax(SqlSyntax.SNOWFLAKE)
                .queryTimeout(settings.queryTimeout())
                .retryWithin(settings.loginTimeout(), "login_timeout")
                .retryWait(settings.retryWait())
                .build();
        session = new Session(settings, queries, connection);
        return connection;
    }

    /**
     * The session of the current connection, connecting again after a reset. {@link #connect}
     * publishes a session before {@link #instance()} can return its connection; a thread that
     * reads the two across another's reset and reconnect reads them again.
     */
    private Session session() {
        for (int read = 0; ; read++) {
            Connection connection = instance();
            Session current = session;
            if (current != null && current.connection() == connection) {
                return current;
            }
            if (read == 100) {
                throw new ConnectionException(this + " was reset by other threads 100 times while a statement"
                        + " started; try again", null, true);
            }
            Thread.onSpinWait();
        }
    }

    /** The JDBC connection, for what this class does not offer; do not close it, {@link #reset()} replaces it. */
    public Connection rawConnection() {
        return instance();
    }

    /** A new statement on the connection, Snowflake's cursor; close it when done. */
    public Statement cursor() throws SQLException {
        return instance().createStatement();
    }

    /**
     * Runs a query and caches its result in this connection's query cache for the ttl of
     * {@code options}; {@code ?} arguments ({@link QueryOptions#args}) or {@code :name} parameters
     * come from {@code options}. Snowflake's types are read as Java's: {@code NUMBER} with a scale
     * as {@code BigDecimal}, without one as {@code Long}, {@code FLOAT} as {@code Double},
     * {@code TIMESTAMP_NTZ} as {@code LocalDateTime}, {@code TIMESTAMP_TZ} and {@code _LTZ} as
     * {@code OffsetDateTime}, {@code VARIANT} as its JSON text. A statement that changes data and
     * returns rows runs on every call, never cached.
     *
     * @throws QueryException Snowflake's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no
     *         parameter; or, before anything runs, for a statement that changes data and returns
     *         no rows, which {@link #execute(String, Object...)} runs
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
        return session().queries().queryOnMiss(cache, sql, options);
    }

    /**
     * Runs a statement that changes data with {@code ?} arguments (or none); returns its count.
     * Sent again only when the driver refused it unsent (its connection was closed): once sent, it
     * may have run.
     */
    public int execute(String sql, @Nullable Object... args) {
        return session().queries().execute(sql, QueryOptions.noCache().args(args));
    }

    /** Runs a statement that changes data with {@code :name} parameters; returns its count; sent again as {@link #execute(String, Object...)}. */
    public int execute(String sql, Map<String, ?> params) {
        return session().queries().execute(sql, QueryOptions.noCache().params(params));
    }

    /**
     * Runs a statement that changes data with the {@code ?} arguments or {@code :name} parameters
     * of {@code options}, and its timeout; never cached, whatever its ttl. Returns its count; sent
     * again as {@link #execute(String, Object...)}. For code that holds options, or knows the
     * connection only as {@link Executable}.
     *
     * @throws QueryException Snowflake's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no parameter
     */
    @Override
    public int execute(String sql, QueryOptions options) {
        return session().queries().execute(sql, options);
    }

    /**
     * Whether {@code sql} has a statement that changes data and returns no rows: exactly the texts
     * {@link #query} refuses before it sends them, and {@link #execute(String, QueryOptions)} runs.
     * Reads the text alone, as Snowflake writes literals and comments; nothing is sent, and a
     * connection that was reset is not connected again for it.
     *
     * @throws IllegalArgumentException when the text mixes {@code :name} parameters and {@code ?} placeholders
     */
    @Override
    public boolean returnsNoRows(String sql) {
        Session last = session; // set by the constructor's connect: any session's queries read text alike
        return (last != null ? last : session()).queries().returnsNoRows(sql);
    }

    /** {@link #write(String, QueryResult, WriteOptions)} with the default options. */
    public WriteResult write(String table, QueryResult rows) {
        return write(table, rows, WriteOptions.defaults());
    }

    /**
     * Writes {@code rows} into {@code table}, {@code chunkSize} rows to a statement, each chunk
     * one request to Snowflake; Snowflake's {@code write_pandas}. Creates the table first with
     * {@link WriteOptions#autoCreateTable}, its column types holding every value, and replaces
     * what it held with {@link WriteOptions#overwrite}. Names are quoted, a plain one in upper
     * case, as Snowflake stores it unquoted, so that queries find it without quotes. The table is
     * named in full, in the database and schema current when the write starts unless the options
     * give them. A failed chunk fails the call; the chunks before it stay written.
     */
    public WriteResult write(String table, QueryResult rows, WriteOptions options) {
        return TableWriter.of(table, rows, options).writeWith(statements());
    }

    /** {@link #write(String, List, WriteOptions)} with the default options. */
    public WriteResult write(String table, List<?> rows) {
        return write(table, rows, WriteOptions.defaults());
    }

    /**
     * {@link #write(String, QueryResult, WriteOptions)} of {@code rows} given as maps of column
     * to value (every map with the same keys) or as records (their components are the columns).
     */
    public WriteResult write(String table, List<?> rows, WriteOptions options) {
        return TableWriter.of(table, rows, options).writeWith(statements());
    }

    /** A write's statements: each batch in one request; with no parameters, one statement. */
    private TableWriter.Statements statements() {
        return new TableWriter.Statements() {
            @Override
            public int[] run(String sql, List<? extends Map<String, ?>> rows) {
                JdbcQueries queries = session().queries();
                return rows.isEmpty() ? new int[] {queries.execute(sql, QueryOptions.noCache())} : queries.batch(sql, rows);
            }

            @Override
            public QueryResult query(String sql) {
                return session().queries().query(sql, QueryOptions.noCache());
            }
        };
    }

    /** Names the connection, its account and where it was configured; never a secret. */
    @Override
    public String toString() {
        Session current = session;
        String where = current == null ? config().source().toString() : current.settings().source();
        String account = current == null ? "?" : current.settings().account();
        return "SnowflakeConnection[name=" + name() + ", type=" + type() + ", account=" + account + ", from=" + where + "]";
    }

    /** The session's connection, shared by every statement. */
    private final class SessionSource extends SharedConnectionSource<Session> {
        @Override
        protected Session current() {
            return session();
        }

        @Override
        protected boolean isCurrent(Session lent) {
            return session == lent;
        }

        @Override
        protected Connection connectionOf(Session lent) {
            return lent.connection();
        }

        @Override
        protected void replace(Session lent) {
            resetIfCurrent(lent.connection());
        }
    }
}
