package io.connectionkit.core;

import org.jspecify.annotations.Nullable;

/**
 * Told of what happens to a registry's connections, for metrics, logs or health checks without
 * a dependency on any of their libraries ({@code connectionkit-micrometer} is one). Add one with
 * {@link ConnectionRegistry.Builder#listener} or {@link ConnectionRegistry#addListener}.
 *
 * <p>Every method does nothing by default. They run on the thread where the event happened, one
 * connection's events one at a time and in order, some while the connection holds its own lock:
 * be quick, do not ask the registry for connections, and do not throw (an exception is logged and
 * dropped). The same {@link ConnectionInfo} instance stands for one connection in every call, so
 * it can key a map. A listener added to a running registry is first told how far each live
 * connection has come ({@code connected} with its open client, {@code created}), then of what
 * follows, each event once.
 */
public interface ConnectionListener {

    /** A connection was created: its connector returned it, connected. */
    default void created(ConnectionInfo connection) {
    }

    /**
     * A connection opened a raw client: while it is created (before {@link #created}), and again
     * on first use after each {@link #reset reset}.
     *
     * @param client what the connection's {@code instance()} returns now: for type {@code sql}, a
     *               {@code com.zaxxer.hikari.HikariDataSource}
     */
    default void connected(ConnectionInfo connection, Object client) {
    }

    /**
     * A connection dropped its raw client, because its secrets changed or after a failure, and
     * has released it (closed a pool, say). Its next use opens another, which may already have
     * happened on another thread: {@link #connected} may come first.
     *
     * @param client the client released
     */
    default void reset(ConnectionInfo connection, Object client) {
    }

    /**
     * A connection was closed for good, and its client released: evicted, past its ttl, closed by
     * its user, or its registry closed. Told once; nothing of it follows.
     *
     * @param client the client released, or {@code null} when none was open
     */
    default void closed(ConnectionInfo connection, @Nullable Object client) {
    }

    /**
     * Creating a connection, or reconnecting it after a reset, failed. A failed creation is the
     * last event of that connection.
     *
     * @param error what the caller gets
     */
    default void failed(ConnectionInfo connection, RuntimeException error) {
    }
}
