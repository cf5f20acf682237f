package io.connectionkit.testkit;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Column;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A small connector for testing the kit: queries are the words {@code rows}, {@code value},
 * {@code fresh} and {@code fail}. The setting {@code flaw} makes it break one rule, so that the
 * kit's tests can show the kit catches it.
 */
public final class NotesConnection extends BaseConnection<NotesConnection.Client> implements Queryable {

    private static final Set<String> KEYS = Set.of("type", "token", "flaw");
    private final Map<String, QueryResult> ownCache = new ConcurrentHashMap<>();
    private final Map<String, Throwable> keptFailures = new ConcurrentHashMap<>();
    private volatile Object current;

    /** The raw client: only knows whether it was closed. */
    public static final class Client implements AutoCloseable {
        volatile boolean closed;
        String shown; // what toString() prints, if not the default

        @Override
        public String toString() {
            return shown != null ? shown : super.toString();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    public NotesConnection(ConnectionContext context) {
        super(context);
    }

    private String flaw() {
        return config().string("flaw").orElse("none");
    }

    @Override
    protected Client connect(ConnectionConfig config) {
        for (String key : config.keys()) {
            if (!KEYS.contains(key)) {
                throw new ConnectionConfigException(config.path() + "." + key + ": unknown setting");
            }
        }
        String token = config.string("token").orElse("");
        switch (config.string("flaw").orElse("")) {
            case "logs-secret" -> LoggerFactory.getLogger(NotesConnection.class).trace("connecting with {}", token);
            case "logs-secret-as-key-value" ->
                    LoggerFactory.getLogger(NotesConnection.class).atDebug().addKeyValue("token", token).log("connecting");
            default -> {
            }
        }
        Client client = new Client();
        if (config.string("flaw").orElse("").equals("leaky-client")) {
            client.shown = "Client[token=" + token + "]";
        }
        return client;
    }

    @Override
    protected void release(Client client) {
        if (!flaw().equals("never-closes")) {
            client.close();
        }
    }

    @Override
    public QueryResult query(String sql, QueryOptions options) {
        switch (flaw()) {
            case "no-cache":
                return run(sql, options);
            case "own-cache":
                return options.isCached() ? ownCache.computeIfAbsent(sql + options.parameters(), key -> run(sql, options))
                        : run(sql, options);
            case "shares-state":
                return context().queryCache().get(sql, options, () -> {
                    current = options.parameters().get("value");
                    LockSupport.parkNanos(200_000); // long enough for another thread's query to overwrite it
                    return run(sql, options.param("value", current));
                });
            case "keeps-failure", "remembers-failure":
                return keepingFailures(sql, options);
            default:
                return context().queryCache().get(sql, options, () -> run(sql, options));
        }
    }

    /** Throws a failure again without running the query: the same driver error, or a new one saying the same. */
    private QueryResult keepingFailures(String sql, QueryOptions options) {
        Throwable kept = keptFailures.get(sql);
        if (kept != null) {
            throw QueryException.of(sql, flaw().equals("keeps-failure") ? kept : new IllegalArgumentException(kept.getMessage()),
                    config());
        }
        try {
            return context().queryCache().get(sql, options, () -> run(sql, options));
        } catch (QueryException e) {
            keptFailures.put(sql, e.getCause());
            throw e;
        }
    }

    private QueryResult run(String sql, QueryOptions options) {
        instance();
        Object value = switch (sql) {
            case "rows" -> "a row";
            case "value" -> flaw().equals("pads") ? options.parameters().get("value") + "  " : options.parameters().get("value");
            case "fresh" -> UUID.randomUUID().toString();
            default -> throw flaw().equals("leaky-message") // its own message, which nothing masks
                    ? new QueryException("No such query: " + sql + " (token " + config().string("token").orElse("") + ")",
                            sql, null, 0, false, null)
                    : QueryException.of(sql, new IllegalArgumentException("No such query: " + sql), config());
        };
        return QueryResult.of(List.of(Column.of("value", Object.class)), List.of(List.of(value)));
    }
}
