package io.connectionkit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles for {@link BaseConnection}: connections, raw clients, and the secrets they use. */
final class TestConnections {

    /** A password that must never show in a message, a log, or a {@code toString()}. */
    static final String CANARY = "canary-7f3e9b";
    static final ConfigSource SECTION = ConfigSource.file(".streamlit/secrets.toml", 12);

    private TestConnections() {
    }

    /** A {@code [connections.pets]} section whose password is the canary, also inside its URL. */
    static ConnectionConfig secrets(String host) {
        return ConnectionConfig.builder("connections.pets").source(SECTION)
                .put("host", host, ConfigSource.file(".streamlit/secrets.toml", 13))
                .put("password", CANARY, ConfigSource.file(".streamlit/secrets.toml", 14))
                .put("url", "postgresql://pets:" + CANARY + "@" + host + "/pets", ConfigSource.file(".streamlit/secrets.toml", 15))
                .build();
    }

    /** A raw client that counts how often it is closed and, like many drivers, fails when closed twice. */
    static final class FakeClient implements AutoCloseable {
        final String host;
        final AtomicInteger closes = new AtomicInteger();

        FakeClient(String host) {
            this.host = host;
        }

        boolean isClosed() {
            return closes.get() > 0;
        }

        @Override
        public void close() {
            if (closes.incrementAndGet() > 1) {
                throw new IllegalStateException("client for " + host + " is already closed");
            }
        }
    }

    /** Named like a real connector, so that toString can be checked against the documented form. */
    static class SQLConnection extends BaseConnection<FakeClient> {
        SQLConnection(TestContext context) {
            super(context);
        }

        @Override
        protected FakeClient connect(ConnectionConfig config) throws Exception {
            return ((TestContext) context()).connect(config);
        }
    }

    /** A client with its own way to shut down. */
    static final class Pool {
        final AtomicInteger shutdowns = new AtomicInteger();
    }

    static final class PoolConnection extends BaseConnection<Pool> {
        PoolConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected Pool connect(ConnectionConfig config) {
            return new Pool();
        }

        @Override
        protected void release(Pool pool) {
            pool.shutdowns.incrementAndGet();
        }
    }

    /** The throwable, its causes and their suppressed exceptions, each once. */
    static List<Throwable> chainOf(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        collect(error, seen, all);
        return all;
    }

    private static void collect(Throwable error, Set<Throwable> seen, List<Throwable> into) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            into.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                collect(suppressed, seen, into);
            }
        }
    }
}
