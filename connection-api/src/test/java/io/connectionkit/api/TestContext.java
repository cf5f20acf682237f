package io.connectionkit.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ConnectionContext} for tests: the configuration can change, cache clears are counted,
 * and warnings are kept, off the console.
 */
final class TestContext implements ConnectionContext {

    /** What the test connection does when asked to connect. */
    @FunctionalInterface
    interface Connector {
        TestConnections.FakeClient connect(ConnectionConfig config) throws Exception;
    }

    private final String name;
    private final String type;
    private final AtomicReference<ConnectionConfig> config;
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger cacheClears = new AtomicInteger();
    final List<Warning> warnings = new CopyOnWriteArrayList<>();
    /** What the connection told of its client: {@code opened db1}, {@code failed}, {@code reset db1}, {@code closed db1}. */
    final List<String> clientEvents = new CopyOnWriteArrayList<>();
    volatile Connector connector = config -> new TestConnections.FakeClient(config.string("host").orElse("localhost"));

    /** What {@link #warn} was given. */
    record Warning(String message, Throwable error) {
    }

    TestContext(String name, String type, ConnectionConfig config) {
        this.name = name;
        this.type = type;
        this.config = new AtomicReference<>(config);
    }

    TestConnections.FakeClient connect(ConnectionConfig config) throws Exception {
        connects.incrementAndGet();
        return connector.connect(config);
    }

    void config(ConnectionConfig changed) {
        config.set(changed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ConnectionConfig config() {
        return config.get();
    }

    @Override
    public void warn(String message, Throwable error) {
        warnings.add(new Warning(message, error));
    }

    @Override
    public void clientOpened(Object client) {
        clientEvents.add("opened " + describe(client));
    }

    @Override
    public void clientOpenFailed(RuntimeException error) {
        clientEvents.add("failed " + error.getClass().getSimpleName());
    }

    @Override
    public void clientDropped(Object client, boolean closed) {
        clientEvents.add((closed ? "closed " : "reset ") + describe(client));
    }

    private static String describe(Object client) {
        return client == null ? "none"
                : client instanceof TestConnections.FakeClient fake ? fake.host : client.getClass().getSimpleName();
    }

    @Override
    public QueryCache queryCache() {
        return new QueryCache() {
            @Override
            public QueryResult get(String sql, QueryOptions options, Loader loader) {
                try {
                    return loader.load();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw QueryException.of(sql, e, config());
                }
            }

            @Override
            public void clear() {
                cacheClears.incrementAndGet();
            }
        };
    }
}
