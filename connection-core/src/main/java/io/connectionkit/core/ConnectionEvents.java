package io.connectionkit.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one registry, and the one place that tells them: a listener that throws is
 * logged and the others are still told, so that no metric can break a connection.
 */
final class ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEvents.class);

    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    ConnectionEvents(List<ConnectionListener> initial) {
        listeners.addAll(initial);
    }

    void add(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ConnectionListener listener) {
        listeners.remove(listener);
    }

    void created(ConnectionInfo connection) {
        tell(connection, "created", listener -> listener.created(connection));
    }

    void connected(ConnectionInfo connection, Object client) {
        tell(connection, "connected", listener -> listener.connected(connection, client));
    }

    void reset(ConnectionInfo connection) {
        tell(connection, "reset", listener -> listener.reset(connection));
    }

    void closed(ConnectionInfo connection) {
        tell(connection, "closed", listener -> listener.closed(connection));
    }

    void failed(ConnectionInfo connection, RuntimeException error) {
        tell(connection, "failed", listener -> listener.failed(connection, error));
    }

    private void tell(ConnectionInfo connection, String event, Consumer<ConnectionListener> call) {
        for (ConnectionListener listener : listeners) {
            tell(listener, connection, event, call);
        }
    }

    /** Tells one listener; what it throws is logged by class only, as its message might quote anything. */
    static void tell(ConnectionListener listener, ConnectionInfo connection, String event,
                     Consumer<ConnectionListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Listener {} failed on '{}' of connection '{}': {}", listener.getClass().getName(), event,
                    connection.name(), e.getClass().getName());
        }
    }
}
