package io.connectionkit.micrometer;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.core.ConnectionInfo;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands each SQL connection's HikariCP pool HikariCP's own Micrometer tracker, one pool per pool
 * name at a time. After a reset the next pool may open before the old one has closed, and
 * Micrometer would give it the old pool's gauges, which the old pool removes as it closes: so a
 * pool whose name is still in use waits until its predecessor is released. Loaded only when
 * HikariCP is on the class path.
 */
final class PoolMeters {

    private final Map<String, HikariDataSource> tracked = new HashMap<>(); // by pool name
    private final Map<String, Waiting> waiting = new HashMap<>(); // by pool name

    private record Waiting(HikariDataSource pool, MeterRegistry meters) {
    }

    synchronized void opened(ConnectionInfo connection, Object client, MeterRegistry meters) {
        if (!(client instanceof HikariDataSource pool) || pool.getPoolName() == null) {
            return;
        }
        HikariDataSource previous = tracked.get(pool.getPoolName());
        if (previous == pool) {
            return; // told twice
        }
        if (previous != null && !previous.isClosed()) {
            waiting.put(pool.getPoolName(), new Waiting(pool, meters));
            return;
        }
        track(pool, meters);
    }

    /** A connection let go of its pool (closed it): the pool waiting for its name gets the meters. */
    synchronized void released(ConnectionInfo connection) {
        waiting.entrySet().removeIf(entry -> {
            HikariDataSource previous = tracked.get(entry.getKey());
            if (previous != null && !previous.isClosed()) {
                return false;
            }
            if (!entry.getValue().pool().isClosed()) {
                track(entry.getValue().pool(), entry.getValue().meters());
            }
            return true;
        });
        tracked.values().removeIf(HikariDataSource::isClosed);
    }

    private void track(HikariDataSource pool, MeterRegistry meters) {
        tracked.put(pool.getPoolName(), pool);
        if (pool.getMetricRegistry() != null || pool.getMetricsTrackerFactory() != null) {
            return; // its user set up metrics of their own
        }
        try {
            pool.setMetricRegistry(meters);
        } catch (IllegalStateException e) {
            // set up meanwhile by someone else: theirs stay
        }
    }
}
