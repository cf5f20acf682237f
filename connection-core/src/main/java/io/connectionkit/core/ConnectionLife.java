package io.connectionkit.core;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one connection has been through, told to the registry's listeners in the order it
 * happened. Each event is told under this object's lock, together with the change of state it
 * makes, and a listener meets a connection first by being told how far it has come (its client,
 * that it was created): so a listener added while connections come and go hears each event once,
 * in order, and nothing of a connection before its past.
 */
final class ConnectionLife {

    private final ConnectionInfo info;
    private final ConnectionEvents events;
    // guarded by this
    private final Set<ConnectionListener> introduced = Collections.newSetFromMap(new IdentityHashMap<>());
    private @Nullable Object client;
    private boolean created;
    private boolean ended;

    ConnectionLife(ConnectionInfo info, ConnectionEvents events) {
        this.info = info;
        this.events = events;
    }

    ConnectionInfo info() {
        return info;
    }

    synchronized boolean isCreated() {
        return created;
    }

    synchronized void created() {
        tell("created", listener -> listener.created(info), () -> created = true);
    }

    synchronized void connected(Object opened) {
        tell("connected", listener -> listener.connected(info, opened), () -> client = opened);
    }

    /** {@code released} was dropped by a reset; another thread may have opened the next client already. */
    synchronized void reset(Object released) {
        tell("reset", listener -> listener.reset(info, released), () -> {
            if (client == released) {
                client = null;
            }
        });
    }

    synchronized void closed(@Nullable Object released) {
        if (ended) {
            return;
        }
        tell("closed", listener -> listener.closed(info, released), () -> {
            client = null;
            ended = true;
        });
        events.ended(this);
    }

    /** Creating it, or reconnecting it, failed; a failed creation ends it. */
    synchronized void failed(RuntimeException error, boolean ends) {
        if (ended) {
            return;
        }
        tell("failed", listener -> listener.failed(info, error), () -> ended = ends);
        if (ends) {
            events.ended(this);
        }
    }

    /** Tells {@code listener} how far this connection has come, unless it already knows. */
    synchronized void introduce(ConnectionListener listener) {
        if (ended || !introduced.add(listener)) {
            return;
        }
        Object open = client;
        if (open != null) {
            ConnectionEvents.tell(listener, info, "connected", l -> l.connected(info, open));
        }
        if (created) {
            ConnectionEvents.tell(listener, info, "created", l -> l.created(info));
        }
    }

    synchronized void forget(ConnectionListener listener) {
        introduced.remove(listener);
    }

    private void tell(String event, Consumer<ConnectionListener> call, Runnable change) {
        for (ConnectionListener listener : events.listeners()) {
            introduce(listener); // one added since this connection's last event: its past first
        }
        change.run();
        for (ConnectionListener listener : events.listeners()) {
            if (introduced.contains(listener)) { // not one added between the two loops: it was told of the change
                ConnectionEvents.tell(listener, info, event, call);
            }
        }
    }
}
