package io.connectionkit.core;

/**
 * Told of what happens to a registry's connections, for metrics, logs or health checks without
 * a dependency on any of their libraries ({@code connectionkit-micrometer} is one). Add one with
 * {@link ConnectionRegistry.Builder#listener} or {@link ConnectionRegistry#addListener}.
 *
 * <p>Every method does nothing by default. They run on the thread where the event happened, some
 * while the connection holds its own lock: be quick, do not ask the registry for connections,
 * and do not throw (an exception is logged and dropped). The same {@link ConnectionInfo}
 * instance stands for one connection in every call, so it can key a map.
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

    /** A connection dropped its raw client, because its secrets changed or after a failure; its next use reconnects. */
    default void reset(ConnectionInfo connection) {
    }

    /** A connection was closed for good: evicted, past its ttl, closed by its user, or its registry closed. */
    default void closed(ConnectionInfo connection) {
    }

    /**
     * Creating a connection, or reconnecting it after a reset, failed.
     *
     * @param error what the caller gets, its secrets masked
     */
    default void failed(ConnectionInfo connection, RuntimeException error) {
    }
}
