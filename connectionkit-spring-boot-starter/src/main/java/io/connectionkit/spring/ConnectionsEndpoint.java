package io.connectionkit.spring;

import io.connectionkit.core.ConfiguredConnection;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.core.QueryCacheStats;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actuator endpoint {@code connections}: every {@code [connections.<name>]} table of the
 * registry's secrets, with its type, where it was configured, its keys with the values of secret
 * keys (and secrets inside other values, a password in a URL) masked as {@code ****}, and the
 * counters of its query cache; and the shared query cache's totals. Reads only; connects nothing.
 */
@Endpoint(id = "connections")
final class ConnectionsEndpoint {

    private final ConnectionRegistry registry;

    ConnectionsEndpoint(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @ReadOperation
    ConnectionsDescriptor connections() {
        Map<String, ConnectionDescriptor> connections = new LinkedHashMap<>();
        for (ConfiguredConnection configured : registry.configuredConnections()) {
            connections.put(configured.name(), describe(configured));
        }
        QueryCacheStats total = registry.queryCacheStats();
        return new ConnectionsDescriptor(new SharedQueryCacheDescriptor(registry.queryCacheMaxBytes(), total), connections);
    }

    /** One connection, or nothing (404) for a name that no table configures. */
    @ReadOperation
    @Nullable ConnectionDescriptor connection(@Selector String name) {
        return registry.configuredConnections().stream()
                .filter(configured -> configured.name().equals(name))
                .findFirst()
                .map(this::describe)
                .orElse(null);
    }

    private ConnectionDescriptor describe(ConfiguredConnection configured) {
        return new ConnectionDescriptor(configured.type(), configured.source().toString(), configured.config().masked(),
                new QueryCacheDescriptor(registry.queryCacheStats(configured.name())));
    }

    /** What {@code GET /actuator/connections} answers. */
    record ConnectionsDescriptor(SharedQueryCacheDescriptor queryCache, Map<String, ConnectionDescriptor> connections) {
    }

    /**
     * One configured connection.
     *
     * @param type   its type, or {@code null} when only the code that asks for it tells
     * @param source file and line of its table
     * @param config its keys and values, secrets masked
     */
    record ConnectionDescriptor(@Nullable String type, String source, Map<String, Object> config,
                                QueryCacheDescriptor queryCache) {
    }

    /** The counters of one connection's cached queries (of every connection ever of that name). */
    record QueryCacheDescriptor(long bytes, long hits, long misses, double hitRate, long loads, long loadFailures,
                                long evictions) {

        QueryCacheDescriptor(QueryCacheStats stats) {
            this(stats.bytes(), stats.hits(), stats.misses(), stats.hitRate(), stats.loads(), stats.loadFailures(),
                    stats.evictions());
        }
    }

    /** The counters of the query cache all connections share, and its bound. */
    record SharedQueryCacheDescriptor(long maxBytes, long bytes, long hits, long misses, double hitRate, long loads,
                                      long loadFailures, long evictions) {

        SharedQueryCacheDescriptor(long maxBytes, QueryCacheStats stats) {
            this(maxBytes, stats.bytes(), stats.hits(), stats.misses(), stats.hitRate(), stats.loads(),
                    stats.loadFailures(), stats.evictions());
        }
    }
}
