package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * A named connection and the raw client it wraps ({@code R}: a {@code DataSource}, a driver
 * session, an HTTP client). The Java form of Streamlit's {@code BaseConnection}: it connects
 * eagerly when constructed, is shared by every thread that asks the registry for the same
 * name, and is {@linkplain #reset() reset} when its secrets change.
 *
 * <p>A connector extends this class, implements {@link #connect(ConnectionConfig)}, and is
 * created by its {@link ConnectionProvider}. The first {@code connect} runs inside this
 * constructor, before the subclass's constructor body and field initializers, so it may use only
 * its {@code config} argument, {@link #name()}, {@link #type()}, {@link #context()} and static
 * state. It must not read fields of the subclass (they are not set yet), call {@link #instance()}
 * (there is no client yet), or hand {@code this} to another thread. A field that {@code connect}
 * itself assigns, to keep what it read from the config, must have no initializer, which would run
 * afterwards and overwrite it.
 *
 * <p>Thread safety: {@link #instance()}, {@link #reset()} and {@link #close()} may be called
 * from any thread; the raw client is created at most once between two resets. A thread that
 * still uses a client another thread has just reset may see it closed.
 *
 * @param <R> the raw client type
 */
public abstract class BaseConnection<R> implements AutoCloseable {

    private final ConnectionContext context;
    private final Object lock = new Object();
    /** The raw client and the configuration it was created with, which masks the secrets in its errors. */
    private volatile @Nullable Client<R> client;
    private volatile boolean closed;

    private record Client<R>(R raw, ConnectionConfig config) {
    }

    /**
     * Connects at once, as Streamlit does, so that a bad configuration fails where the
     * connection is asked for.
     *
     * @throws ConnectionConfigException when {@code connect} rejects the configuration
     * @throws ConnectionException       when {@code connect} fails for any other reason; it
     *                                   names the connection and its type, and its cause is the
     *                                   connector's exception with secrets masked
     */
    protected BaseConnection(ConnectionContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.client = open();
    }

    /**
     * Creates a new raw client from {@code config}, the current configuration. Called once inside
     * the constructor (see the class comment for what it may touch there) and again on first use
     * after each {@link #reset()}, never by two threads at once. Throw
     * {@link ConnectionConfigException} for a bad configuration, naming keys and where they were
     * set, never a value; it reaches the caller as it is, or as a masked copy if its messages show
     * a secret. Any other exception reaches the caller as the masked cause of a
     * {@link ConnectionException}, which is {@linkplain ConnectionException#isTransient() transient}
     * when the original was.
     */
    protected abstract R connect(ConnectionConfig config) throws Exception;

    /**
     * Releases a raw client that is being dropped. By default closes it when it is
     * {@link AutoCloseable}; override for clients with another way to shut down.
     */
    protected void release(R raw) throws Exception {
        if (raw instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The name the connection was asked for, {@code pets} for {@code [connections.pets]}. */
    public final String name() {
        return context.name();
    }

    /** The connector type that serves this connection. */
    public final String type() {
        return context.type();
    }

    /** The current configuration: options over the secrets section; follows changes of the secrets. */
    public final ConnectionConfig config() {
        return context.config();
    }

    /**
     * The context the core created this connection with: for connectors, to reach the query cache,
     * and to {@linkplain ConnectionContext#warn warn} the application without a logging library.
     */
    protected final ConnectionContext context() {
        return context;
    }

    /**
     * The raw client, re-created from the current configuration if it was reset.
     *
     * @throws ConnectionException if the connection is closed or re-connecting fails
     */
    public final R instance() {
        Client<R> current = client;
        if (current != null) {
            return current.raw();
        }
        synchronized (lock) {
            if (closed) {
                throw new ConnectionException(this + " is closed; ask the registry for the connection again");
            }
            if (client == null) {
                client = open();
            }
            return client.raw();
        }
    }

    /**
     * Drops the raw client, releasing it, and this connection's cached query results; the next
     * {@link #instance()} connects again from the current configuration. Idempotent, and never
     * throws for a client that is already closed: a failure to release it goes, with secrets
     * masked, to {@link ConnectionContext#warn}, which the core logs as a warning.
     */
    public void reset() {
        Client<R> dropped;
        synchronized (lock) {
            dropped = client;
            client = null;
        }
        drop(dropped);
        if (dropped != null) {
            context.clientDropped(dropped.raw(), false);
        }
    }

    /**
     * {@link #reset()}, but only while {@code failed} is still the raw client: for a connector
     * that replaces its client after a failure, so that of the threads that met the same failure
     * only the first replaces it, and none drops a client another thread has made since.
     *
     * @return whether {@code failed} was the client, and was dropped
     */
    protected final boolean resetIfCurrent(R failed) {
        Client<R> dropped;
        synchronized (lock) {
            dropped = client;
            if (dropped == null || dropped.raw() != failed) {
                return false;
            }
            client = null;
        }
        drop(dropped);
        context.clientDropped(dropped.raw(), false);
        return true;
    }

    /**
     * Releases the raw client and cached results for good; {@link #instance()} fails afterwards.
     * Idempotent, and like {@link #reset()} reports rather than throws a failure to release. The
     * registry closes connections it evicts and those it holds when it closes.
     */
    @Override
    public void close() {
        Client<R> dropped;
        boolean wasOpen;
        synchronized (lock) {
            wasOpen = !closed;
            closed = true;
            dropped = client;
            client = null;
        }
        drop(dropped);
        if (wasOpen) {
            context.clientDropped(dropped == null ? null : dropped.raw(), true);
        }
    }

    /** Whether {@link #close()} has been called. */
    public final boolean isClosed() {
        return closed;
    }

    /** Drops this connection's cached query results. */
    public void clearQueryCache() {
        context.queryCache().clear();
    }

    private Client<R> open() {
        ConnectionConfig config = context.config();
        R raw;
        try {
            raw = connect(config);
        } catch (ConnectionConfigException e) {
            // a connector's message may quote the configuration, a URL say
            throw failed((ConnectionConfigException) config.redact(e));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failed(new ConnectionException("Could not connect " + describe() + ": " + config.mask(messageOf(e)),
                    config.redact(e), QueryException.isTransient(e)));
        }
        if (raw == null) {
            throw failed(new ConnectionException("Could not connect " + describe() + ": " + getClass().getName()
                    + ".connect returned null"));
        }
        context.clientOpened(raw);
        return new Client<>(raw, config);
    }

    /** Tells the context of a failed open, and gives back the exception to throw. */
    private RuntimeException failed(RuntimeException error) {
        context.clientOpenFailed(error);
        return error;
    }

    /**
     * Clears the query cache, releases {@code dropped}, if any, reporting a failure to release it
     * to the {@linkplain ConnectionContext#warn context}, and clears the query cache again: a
     * query that took the client before it was dropped may have cached a result of it meanwhile,
     * and once released the client gives no more.
     */
    private void drop(Client<R> dropped) {
        try {
            clearQueryCache(); // first too, so no result of the old client is served while it is released
        } finally {
            if (dropped != null) {
                try {
                    release(dropped.raw());
                } catch (Exception e) {
                    // masked with the secrets the old client was given, which a reload may have replaced
                    ConnectionConfig config = dropped.config();
                    context.warn("Releasing the client of " + this + " failed: " + config.mask(messageOf(e)),
                            config.redact(e));
                } finally {
                    clearQueryCache();
                }
            }
        }
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** {@code 'pets' (type sql, configured at .streamlit/secrets.toml:12)}. */
    private String describe() {
        ConfigSource source = config().source();
        return "'" + name() + "' (type " + type()
                + (source == ConfigSource.NONE ? "" : ", configured at " + source) + ")";
    }

    /**
     * Names the connection, its type and where it was configured, such as
     * {@code SQLConnection[name=pets, type=sql, from=.streamlit/secrets.toml:12]}; never a secret.
     */
    @Override
    public String toString() {
        String className = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        return className + "[name=" + name() + ", type=" + type() + ", from=" + config().source() + "]";
    }
}
