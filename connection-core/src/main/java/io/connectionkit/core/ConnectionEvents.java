package io.connectionkit.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one registry and the lives of its connections: what {@link ConnectionLife}
 * tells, and what a listener added late is told of first.
 */
final class ConnectionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEvents.class);

    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<ConnectionLife> live = ConcurrentHashMap.newKeySet();

    ConnectionEvents(List<ConnectionListener> initial) {
        listeners.addAll(initial);
    }

    /** The listeners now. */
    List<ConnectionListener> listeners() {
        return listeners;
    }

    /** A new connection's life, followed until it ends. */
    ConnectionLife begin(ConnectionInfo info) {
        ConnectionLife life = new ConnectionLife(info, this);
        live.add(life);
        return life;
    }

    void ended(ConnectionLife life) {
        live.remove(life);
    }

    /** Adds {@code listener}, then tells it of each connection alive now, as far as each has come. */
    void add(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        live.forEach(life -> life.introduce(listener));
    }

    void remove(ConnectionListener listener) {
        listeners.remove(listener);
        live.forEach(life -> life.forget(listener));
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
