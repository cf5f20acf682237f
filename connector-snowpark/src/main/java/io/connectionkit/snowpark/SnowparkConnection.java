package io.connectionkit.snowpark;

import com.snowflake.snowpark_java.Session;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Type {@code snowpark}: a Snowpark for Java {@link Session}; Streamlit's {@code SnowparkConnection}.
 *
 * <pre>{@code
 * SnowparkConnection snowpark = Connections.get("snowpark", SnowparkConnection.class);
 * QueryResult owners = snowpark.query("select * from pet_owners", QueryOptions.ttl(Duration.ofMinutes(10)));
 * long adults = snowpark.withSession(session -> session.table("pet_owners")
 *         .filter(Functions.col("age").geq(Functions.lit(18))).count());
 * }</pre>
 *
 * <p>Configured, key by key, by the options given in code over the connection's
 * {@code [connections.<name>]} section of the secrets over SnowSQL's {@code ~/.snowsql/config}
 * (its {@code [connections.<name>]} section, else {@code [connections]}). The keys are those of
 * a {@code snowflake} connection, Snowflake's Python connector's: {@code account} (required),
 * {@code user}, {@code password}, {@code warehouse}, {@code database}, {@code schema},
 * {@code role}, {@code authenticator}, {@code private_key_file}, {@code private_key_file_pwd},
 * {@code private_key}, {@code token}, {@code host}, {@code port}, {@code protocol}, ...; the rest go
 * to Snowpark, which passes them to the driver. One secrets section can serve a {@code snowflake}
 * connection and a {@code snowpark} one: Snowpark for Java cannot open a session over a JDBC
 * connection it did not make, so a session of its own is the way to Snowpark.
 *
 * <p>A session is not safe for two threads at once. {@link #query} and {@link #execute} run under
 * this connection's lock, and {@link #withSession} holds it while the caller's code uses the
 * session; code that uses {@link #session()} directly takes care of that itself. A reset waits
 * for the thread using the session, 10 seconds at most, before it closes the session. A query that only reads and whose session
 * or token expired (Snowflake's codes 390110 to 390115, 390400) is retried on a new session, 3
 * attempts in all, {@code retry_wait} apart and within {@code login_timeout}. Statements are
 * bounded by {@code query_timeout} (or {@link QueryOptions#timeout(Duration)}) and cancelled at
 * Snowflake past it or when the calling thread is interrupted.
 */
public final class SnowparkConnection extends BaseConnection<Session> implements Queryable, Executable {

    /** The settings a session was made with, its statements, and the session. */
    private record Current(SnowparkSettings settings, JdbcQueries queries, Session session) {
    }

    private static final Logger log = LoggerFactory.getLogger(SnowparkConnection.class);
    /** How long a reset or close waits for the thread using the session before closing it anyway. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    /** Held by each statement of {@link #query} and by {@link #withSession}: one user of the session at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Current current;

    public SnowparkConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected Session connect(ConnectionConfig config) {
        SnowparkSettings settings = SnowparkSettings.resolve(context());
        SnowflakeSettings login = settings.driver();
        Session session;
        try {
            session = Session.builder().configs(settings.sessionConfigs()).create();
        } catch (Exception e) { // Scala throws the driver's SQLException undeclared
            throw login.loginFailed("Snowpark", e);
        }
        JdbcQueries queries = JdbcQueries.builder(new SessionSource(), login.config(), this)
                .syntax(SqlSyntax.SNOWFLAKE)
                .queryTimeout(login.queryTimeout())
                .retryWithin(login.loginTimeout(), "login_timeout")
                .retryWait(login.retryWait())
                .build();
        current = new Current(settings, queries, session);
        return session;
    }

    /**
     * Closes the session, which first cancels what it still runs, once the thread using it is done
     * (waiting {@link #RELEASE_WAIT} at most, then closing it under that thread). Snowpark closes
     * the JDBC connection even when cancelling fails, as it does for a session that expired: then
     * there is nothing left to release, and nothing to report.
     */
    @Override
    protected void release(Session session) throws SQLException {
        boolean locked;
        try {
            locked = lock.tryLock(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the session is closed all the same
            locked = false;
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            if (!session.jdbcConnection().isClosed()) {
                throw e;
            }
            Current now = current;
            ConnectionConfig used = now != null && now.session() == session ? now.settings().driver().config() : config();
            log.debug("{}: the session closed, but cancelling its statements first failed: {}", this,
                    used.mask(String.valueOf(e.getMessage())));
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /**
     * The current session and what came with it, connecting again after a reset. {@link #connect}
     * publishes them before {@link #instance()} can return the session; a thread that reads the two
     * across another's reset and reconnect reads them again.
     */
    private Current current() {
        Session session = instance();
        Current now = current;
        for (int reads = 1; now == null || now.session() != session; reads++) {
            if (reads > 100) {
                throw new ConnectionException(this + " was reset by other threads 100 times while a call started;"
                        + " try again", null, true);
            }
            Thread.onSpinWait();
            session = instance();
            now = current;
        }
        return now;
    }

    /**
     * The Snowpark session, for DataFrames and everything else Snowpark offers. Not safe for two
     * threads at once: use {@link #withSession} where other threads may use it too. Do not close
     * it; {@link #reset()} replaces it.
     */
    public Session session() {
        return instance();
    }

    /**
     * Runs {@code work} with the session while holding this connection's lock, so that no
     * {@link #query} or other {@code withSession} uses the session meanwhile; Streamlit's
     * {@code safe_session()}. Waiting for the lock ends when the thread is interrupted. A
     * {@link #query} inside {@code work} that meets an expired session replaces it: the session
     * {@code work} was given is then closed, and {@link #session()} is the new one.
     *
     * @throws ConnectionException when the thread is interrupted while it waits (its interrupt flag
     *         stays set), or connecting again after a reset fails
     */
    public <T> T withSession(Function<Session, T> work) {
        Objects.requireNonNull(work, "work");
        return locked(null, () -> work.apply(instance()));
    }

    /**
     * Runs {@code work} holding the lock. Waits as long as another thread holds it (a statement,
     * or code in {@link #withSession}); an interrupt ends the wait, with the thread's interrupt flag
     * left set.
     *
     * @param sql the statement that waits, for its error; {@code null} for {@link #withSession}
     */
    private <T> T locked(@Nullable String sql, Supplier<T> work) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String message = "Interrupted while waiting for " + this + ", which another thread was using";
            throw sql == null ? new ConnectionException(message)
                    : new QueryException(message + "; the statement was not sent", sql, "57014", 0, false, null);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a query through the session's JDBC connection, under this connection's lock, and caches
     * its result in this connection's query cache for the ttl of {@code options}; {@code ?}
     * arguments ({@link QueryOptions#args}) or {@code :name} parameters come from {@code options}.
     * Snowflake's types are read as a {@code snowflake} connection reads them. A statement that
     * changes data and returns rows runs on every call, never cached.
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
            QueryResult hit = cache.getIfPresent(sql, options);
            if (hit != null) {
                return hit;
            }
        }
        // The lock before the cache: a thread in withSession that asks for what another is loading must not wait for it.
        return locked(sql, () -> current().queries().queryOnMiss(cache, sql, options));
    }

    /**
     * Runs a statement that changes data with {@code ?} arguments (or none), under this
     * connection's lock; returns its count. Sent again only when the driver refused it unsent:
     * once sent, it may have run.
     */
    public int execute(String sql, @Nullable Object... args) {
        return locked(sql, () -> current().queries().execute(sql, QueryOptions.noCache().args(args)));
    }

    /** Runs a statement that changes data with {@code :name} parameters; returns its count; as {@link #execute(String, Object...)}. */
    public int execute(String sql, Map<String, ?> params) {
        return locked(sql, () -> current().queries().execute(sql, QueryOptions.noCache().params(params)));
    }

    /**
     * Runs a statement that changes data with the {@code ?} arguments or {@code :name} parameters
     * of {@code options}, and its timeout, under this connection's lock; never cached, whatever its
     * ttl. Returns its count; sent again as {@link #execute(String, Object...)}. For code that holds
     * options, or knows the connection only as {@link Executable}.
     *
     * @throws QueryException Snowflake's error, with its SQL state and vendor code
     * @throws IllegalArgumentException naming a parameter with no value, or a value with no parameter
     */
    @Override
    public int execute(String sql, QueryOptions options) {
        return locked(sql, () -> current().queries().execute(sql, options));
    }

    /**
     * Whether {@code sql} has a statement that changes data and returns no rows: exactly the texts
     * {@link #query} refuses before it sends them, and {@link #execute(String, QueryOptions)} runs.
     * Reads the text alone, as Snowflake writes literals and comments: it takes no lock, sends
     * nothing, and does not open a new session after a reset.
     *
     * @throws IllegalArgumentException when the text mixes {@code :name} parameters and {@code ?} placeholders
     */
    @Override
    public boolean returnsNoRows(String sql) {
        Current last = current; // set by the constructor's connect: any session's queries read text alike
        return (last != null ? last : current()).queries().returnsNoRows(sql);
    }

    /** Names the connection, its account and where it was configured; never a secret. */
    @Override
    public String toString() {
        Current now = current;
        String where = now == null ? config().source().toString() : now.settings().driver().source();
        String account = now == null ? "?" : now.settings().driver().account();
        return "SnowparkConnection[name=" + name() + ", type=" + type() + ", account=" + account + ", from=" + where + "]";
    }

    /** The session's JDBC connection, for {@link JdbcQueries}, whose every call here runs under the lock ({@link #locked}). */
    private final class SessionSource extends SharedConnectionSource<Current> {
        @Override
        protected Current current() {
            return SnowparkConnection.this.current();
        }

        @Override
        protected boolean isCurrent(Current lent) {
            return current == lent;
        }

        @Override
        protected Connection connectionOf(Current lent) {
            return lent.session().jdbcConnection();
        }

        @Override
        protected void replace(Current lent) {
            resetIfCurrent(lent.session());
        }
    }
}
