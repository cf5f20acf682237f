package io.connectionkit.core;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.connectionkit.api.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The registry's live connections, Streamlit's {@code cache_resource}: one Caffeine cache per
 * (ttl, max entries) so that different settings never evict each other. A connection is
 * created at most once per key, on the first caller's thread while the others wait; a failed
 * creation is not kept; a connection that leaves the cache for any reason is closed.
 *
 * <p>Maintenance runs on the threads that use the cache, so a test that advances the clock sees
 * its effects at once; a connection with a ttl is also closed when its ttl passes while nobody
 * uses the cache, by a clean-up the {@link #EXPIRY} scheduler starts.
 */
final class ConnectionCache {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCache.class);

    /** The cache settings of a request. */
    record Settings(Duration ttl, Integer maxEntries) {
    }

    /** What identifies one connection: its name, the provider serving it, and the options given in code. */
    record Key(String name, String provider, Map<String, Object> options) {
    }

    /** A live connection and its context. */
    record Entry(BaseConnection<?> connection, RegistryContext context) {
    }

    /**
     * Wakes an idle cache when a ttl passes. The clean-up closes connections, and closing a pool
     * may wait for its connections: so it runs on the common pool, not on the JDK's one timer
     * thread, where Caffeine's own system scheduler would run it with our same-thread executor.
     */
    static final Scheduler EXPIRY = (executor, command, delay, unit) ->
            CompletableFuture.runAsync(command, CompletableFuture.delayedExecutor(delay, unit));

    private final LongSupplier nanoTime;
    private final Scheduler expiry;
    private final Map<Settings, AsyncCache<Key, Entry>> caches = new ConcurrentHashMap<>();

    ConnectionCache(LongSupplier nanoTime, Scheduler expiry) {
        this.nanoTime = nanoTime;
        this.expiry = expiry;
    }

    /**
     * The connection for {@code key}, created with {@code factory} if absent or expired. The
     * factory runs at most once per key at a time, on the calling thread.
     */
    Entry get(Settings settings, Key key, Supplier<Entry> factory) {
        AsyncCache<Key, Entry> cache = caches.computeIfAbsent(settings, this::newCache);
        CompletableFuture<Entry> live = cache.getIfPresent(key);
        if (live != null && live.isDone() && !live.isCompletedExceptionally()) {
            Entry entry = live.join();
            if (!entry.connection().isClosed()) {
                return entry; // the common case: no allocation
            }
            cache.asMap().remove(key, live); // closed by its user: the next caller gets a new one
        }
        Creation created = new Creation();
        CompletableFuture<Entry> existing = cache.asMap().putIfAbsent(key, created);
        if (existing != null) {
            if (existing instanceof Creation other && other.owner == Thread.currentThread() && !other.isDone()) {
                throw new IllegalStateException("Connection '" + key.name()
                        + "' was asked for while it was being created on the same thread, which would wait forever");
            }
            return join(existing);
        }
        try {
            created.complete(factory.get());
        } catch (RuntimeException | Error e) {
            cache.asMap().remove(key, created);
            created.completeExceptionally(new CreationFailed(e));
            throw e;
        }
        return created.join();
    }

    /**
     * How a failed creation reaches the threads that waited for it. A cancellation, because
     * Caffeine logs every other failure of a future it holds as a warning with its stack trace,
     * and the failure is already thrown to the caller who asked.
     */
    private static final class CreationFailed extends CancellationException {
        private static final long serialVersionUID = 1L;
        private final transient Throwable failure;

        CreationFailed(Throwable failure) {
            super("Creating the connection failed");
            this.failure = failure;
            initCause(failure);
        }
    }

    /** A creation under way, and the thread running it. */
    private static final class Creation extends CompletableFuture<Entry> {
        final Thread owner = Thread.currentThread();
    }

    private static Entry join(CompletableFuture<Entry> future) {
        try {
            return future.join();
        } catch (CreationFailed e) {
            if (e.failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.failure;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private AsyncCache<Key, Entry> newCache(Settings settings) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run);
        if (settings.ttl() != null) {
            builder.expireAfterWrite(settings.ttl()).scheduler(expiry); // else an idle cache would keep it open
        }
        if (settings.maxEntries() != null) {
            builder.maximumSize(settings.maxEntries());
        }
        return builder.<Key, Entry>removalListener((key, entry, cause) -> {
            if (entry != null) {
                LOG.debug("Closing {} ({})", entry.connection(), cause);
                closeQuietly(entry.connection());
            }
        }).buildAsync();
    }

    /**
     * The connections that are live now, across all settings; not those still being created,
     * which the registry checks against the secrets when it hands them out.
     */
    List<Entry> entries() {
        List<Entry> live = new ArrayList<>();
        for (AsyncCache<Key, Entry> cache : caches.values()) {
            cache.synchronous().cleanUp();
            cache.synchronous().asMap().values().forEach(live::add);
        }
        return live;
    }

    /** Runs pending expiry, closing what expired. */
    void cleanUp() {
        caches.values().forEach(cache -> cache.synchronous().cleanUp());
    }

    /** Closes and forgets every connection. */
    void invalidateAll() {
        caches.values().forEach(cache -> cache.synchronous().invalidateAll());
    }

    private static void closeQuietly(BaseConnection<?> connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing {} failed: {}", connection, connection.config().mask(String.valueOf(e.getMessage())));
        }
    }
}
