package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Column;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny connector for the core's tests. Its raw client is an {@link InMemoryDatabase} that
 * counts connects, closes and executed queries per connection name, so tests can see what the
 * core did. Configuration: {@code fail = true} makes connect fail with a message containing the
 * password; a query starting with {@code fail} fails.
 */
public final class InMemoryConnection extends BaseConnection<InMemoryConnection.InMemoryDatabase> implements Queryable {

    /** Counters per connection name, shared by every instance with that name. */
    static final class Counters {
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger queries = new AtomicInteger();
    }

    private static final Map<String, Counters> COUNTERS = new ConcurrentHashMap<>();

    /** Run inside {@code connect}, while the connection holds its lock, by connection name: for tests of re-entry. */
    static final Map<String, Runnable> ON_CONNECT = new ConcurrentHashMap<>();

    static Counters counters(String name) {
        return COUNTERS.computeIfAbsent(name, n -> new Counters());
    }

    /** The raw client. */
    public static final class InMemoryDatabase implements AutoCloseable {
        final String name;
        final String database;
        final int generation;

        InMemoryDatabase(String name, String database, int generation) {
            this.name = name;
            this.database = database;
            this.generation = generation;
        }

        @Override
        public void close() {
            counters(name).closes.incrementAndGet();
        }
    }

    public InMemoryConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected InMemoryDatabase connect(ConnectionConfig config) {
        int generation = counters(name()).connects.incrementAndGet();
        Runnable hook = ON_CONNECT.get(name());
        if (hook != null) {
            hook.run();
        }
        if (config.bool("fail").orElse(false)) {
            throw new IllegalStateException("cannot log in as " + config.string("username").orElse("?")
                    + " with password " + config.string("password").orElse("?"));
        }
        return new InMemoryDatabase(name(), config.string("database").orElse("main"), generation);
    }

    /** Answers one row: the SQL, the parameters, the database and the connect generation that ran it. */
    @Override
    public QueryResult query(String sql, QueryOptions options) {
        return context().queryCache().get(sql, options, () -> {
            InMemoryDatabase db = instance();
            counters(name()).queries.incrementAndGet();
            if (sql.startsWith("fail")) {
                throw new QueryException("Query failed: " + sql, sql, "42000", 1, false, null);
            }
            return QueryResult.of(
                    List.of(Column.of("sql", String.class), Column.of("params", String.class),
                            Column.of("database", String.class), Column.of("generation", Integer.class)),
                    List.of(List.of(sql, options.parameters().toString(), db.database, db.generation)));
        });
    }
}
