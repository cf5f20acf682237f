package io.connectionkit.micrometer;

import io.connectionkit.core.ConnectionInfo;
import io.connectionkit.core.ConnectionListener;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.core.QueryCacheStats;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer meters of a {@link ConnectionRegistry}: for each connection name (tags
 * {@code connection} and {@code type}) its query cache and what happened to its connections, the
 * registry-wide cache bound, and HikariCP's own {@code hikaricp.connections.*} meters for the pool
 * of each SQL connection.
 *
 * <pre>{@code
 * new ConnectionRegistryMetrics(registry).bindTo(meterRegistry);
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>kind</th><th>what</th></tr>
 * <tr><td>{@code connectionkit.query.cache.hits}</td><td>counter</td><td>lookups answered from the cache</td></tr>
 * <tr><td>{@code connectionkit.query.cache.misses}</td><td>counter</td><td>lookups that ran the query or waited for it</td></tr>
 * <tr><td>{@code connectionkit.query.cache.loads}</td><td>timer</td><td>queries the cache ran that succeeded, and their time</td></tr>
 * <tr><td>{@code connectionkit.query.cache.load.failures}</td><td>counter</td><td>queries the cache ran that failed</td></tr>
 * <tr><td>{@code connectionkit.query.cache.evictions}</td><td>counter</td><td>results dropped for the byte bound or their ttl</td></tr>
 * <tr><td>{@code connectionkit.query.cache.size}</td><td>gauge, bytes</td><td>estimated bytes of the results held</td></tr>
 * <tr><td>{@code connectionkit.connections.created}, {@code .reset}, {@code .closed}, {@code .failed}</td>
 *     <td>counter</td><td>connections created; clients dropped by a reset; connections closed; creations or
 *     reconnects that failed</td></tr>
 * <tr><td>{@code connectionkit.connections.live}</td><td>gauge</td><td>connections open now</td></tr>
 * <tr><td>{@code connectionkit.query.cache.max.size}</td><td>gauge, bytes</td><td>the registry's cache bound (no
 *     {@code connection} tag)</td></tr>
 * </table>
 *
 * <p>A name's meters appear when a connection of that name is first created or fails to be, and
 * count every connection made under it since the registry was built, so counters only grow
 * across resets and ttl renewals; their {@code type} tag is that of the name's first connection.
 * Binding to the same meter registry twice binds once. Pool meters are HikariCP's, registered when a pool opens and
 * removed by HikariCP when it closes; after a reset the new pool registers under the same
 * {@code pool} tag once the old one is gone. They go to the first meter registry this binds to,
 * as HikariCP takes one per pool; a pool whose meters were set up elsewhere is left alone.
 *
 * <p>Thread-safe. {@link #close()} removes the meters this registered and stops listening.
 */
public final class ConnectionRegistryMetrics implements MeterBinder, AutoCloseable {

    private static final boolean HIKARI_PRESENT = isPresent("com.zaxxer.hikari.HikariDataSource");

    private final ConnectionRegistry registry;
    private final Tags tags;
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();
    private final PoolMeters pools;

    /** Meters for {@code registry}, with no tags beyond their own. */
    public ConnectionRegistryMetrics(ConnectionRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Meters for {@code registry}, each with {@code tags} too (an application name, say). */
    public ConnectionRegistryMetrics(ConnectionRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        this.pools = HIKARI_PRESENT ? new PoolMeters() : null;
    }

    /** Registers the registry's meters, and those of each connection as it comes, with {@code meterRegistry}. */
    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (bindings.stream().anyMatch(bound -> bound.meters == meterRegistry)) {
            return; // bound already: its counters would count twice
        }
        Binding binding = new Binding(meterRegistry, bindings.isEmpty());
        bindings.add(binding);
        binding.add(Gauge.builder("connectionkit.query.cache.max.size", registry, r -> (double) r.queryCacheMaxBytes())
                .description("The bound on the estimated bytes of all cached query results")
                .baseUnit(BaseUnits.BYTES).tags(tags).register(meterRegistry));
        registry.addListener(binding);
    }

    /** Stops listening to the registry and removes the meters this registered; HikariCP's stay with their pools. */
    @Override
    public synchronized void close() {
        for (Binding binding : bindings) {
            registry.removeListener(binding);
            binding.removeMeters();
        }
        bindings.clear();
    }

    /** The meters of one meter registry, and the listener that adds them as connections come. */
    private final class Binding implements ConnectionListener {
        private final MeterRegistry meters;
        private final boolean ownsPools;
        private final Map<String, NameMeters> byName = new ConcurrentHashMap<>();
        private final List<Meter> registered = new CopyOnWriteArrayList<>();

        Binding(MeterRegistry meters, boolean ownsPools) {
            this.meters = meters;
            this.ownsPools = ownsPools;
        }

        void add(Meter meter) {
            registered.add(meter);
        }

        void removeMeters() {
            registered.forEach(meters::remove);
            registered.clear();
        }

        /** By name alone, as the cache counts: the type tag is that of the name's first connection. */
        private NameMeters of(ConnectionInfo connection) {
            return byName.computeIfAbsent(connection.name(), name -> new NameMeters(this, name, connection.type()));
        }

        @Override
        public void created(ConnectionInfo connection) {
            NameMeters name = of(connection);
            name.live.add(connection);
            name.created.increment();
        }

        @Override
        public void connected(ConnectionInfo connection, Object client) {
            if (ownsPools && pools != null) {
                pools.opened(client, meters);
            }
        }

        @Override
        public void reset(ConnectionInfo connection, Object client) {
            of(connection).reset.increment();
            if (ownsPools && pools != null) {
                pools.released(client);
            }
        }

        @Override
        public void closed(ConnectionInfo connection, Object client) {
            NameMeters name = of(connection);
            if (name.live.remove(connection)) {
                name.closed.increment();
            }
            if (ownsPools && pools != null && client != null) {
                pools.released(client);
            }
        }

        @Override
        public void failed(ConnectionInfo connection, RuntimeException error) {
            of(connection).failed.increment();
        }
    }

    /** The meters of one connection name and type. */
    private final class NameMeters {
        final Set<ConnectionInfo> live = ConcurrentHashMap.newKeySet();
        final Counter created;
        final Counter reset;
        final Counter closed;
        final Counter failed;

        NameMeters(Binding binding, String name, String type) {
            Tags own = tags.and("connection", name, "type", type);
            MeterRegistry meters = binding.meters;
            created = counter(binding, "connectionkit.connections.created", "Connections created", own);
            reset = counter(binding, "connectionkit.connections.reset",
                    "Connections that dropped their client, for changed secrets or after a failure", own);
            closed = counter(binding, "connectionkit.connections.closed",
                    "Connections closed: evicted, past their ttl, closed by their user, or with their registry", own);
            failed = counter(binding, "connectionkit.connections.failed",
                    "Connections whose creation, or reconnect after a reset, failed", own);
            binding.add(Gauge.builder("connectionkit.connections.live", live, Set::size)
                    .description("Connections open now").tags(own).register(meters));
            cacheCounter(binding, "connectionkit.query.cache.hits", "Query lookups answered from the cache", own, name,
                    QueryCacheStats::hits);
            cacheCounter(binding, "connectionkit.query.cache.misses",
                    "Query lookups that ran the query, or waited for a run of it", own, name, QueryCacheStats::misses);
            cacheCounter(binding, "connectionkit.query.cache.load.failures", "Queries the cache ran that failed", own,
                    name, QueryCacheStats::loadFailures);
            cacheCounter(binding, "connectionkit.query.cache.evictions",
                    "Cached results dropped for the byte bound or their ttl", own, name, QueryCacheStats::evictions);
            binding.add(FunctionTimer.builder("connectionkit.query.cache.loads", registry,
                            r -> r.queryCacheStats(name).loads(),
                            r -> r.queryCacheStats(name).totalLoadTime().toNanos(), TimeUnit.NANOSECONDS)
                    .description("Queries the cache ran that succeeded, and how long they took")
                    .tags(own).register(meters));
            binding.add(Gauge.builder("connectionkit.query.cache.size", registry,
                            r -> (double) r.queryCacheStats(name).bytes())
                    .description("Estimated bytes of the cached results of live connections")
                    .baseUnit(BaseUnits.BYTES).tags(own).register(meters));
        }

        private Counter counter(Binding binding, String meter, String description, Tags own) {
            Counter counter = Counter.builder(meter).description(description).tags(own).register(binding.meters);
            binding.add(counter);
            return counter;
        }

        private void cacheCounter(Binding binding, String meter, String description, Tags own, String name,
                                  ToDoubleFunction<QueryCacheStats> value) {
            binding.add(FunctionCounter.builder(meter, registry, r -> value.applyAsDouble(r.queryCacheStats(name)))
                    .description(description).tags(own).register(binding.meters));
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ConnectionRegistryMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
