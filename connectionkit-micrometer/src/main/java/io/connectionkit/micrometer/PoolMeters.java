package io.connectionkit.micrometer;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each SQL connection's HikariCP pool HikariCP's own Micrometer tracker, one pool per pool
 * name at a time. After a reset the next pool may open on another thread while the old one is
 * still closing, and Micrometer would give it the old pool's gauges, which the old pool removes
 * once it has closed: so a pool whose name is taken waits until the connection tells that it
 * released the pool holding it. Loaded only when HikariCP is on the class path.
 */
final class PoolMeters {

    private final Map<String, HikariDataSource> tracked = new HashMap<>(); // by pool name
    private final List<Waiting> waiting = new ArrayList<>();

    private record Waiting(HikariDataSource pool, MeterRegistry meters) {
    }

    synchronized void opened(Object client, MeterRegistry meters) {
        if (!(client instanceof HikariDataSource pool) || pool.getPoolName() == null || pool.isClosed()) {
            return;
        }
        HikariDataSource holder = tracked.get(pool.getPoolName());
        if (holder == pool || waiting.stream().anyMatch(w -> w.pool() == pool)) {
            return; // told twice
        }
        if (holder != null) {
            waiting.add(new Waiting(pool, meters));
            return;
        }
        track(pool, meters);
    }

    /** A connection released {@code client}, a pool now closed: the first pool waiting for its name gets the meters. */
    synchronized void released(Object client) {
        if (!(client instanceof HikariDataSource pool)) {
            return;
        }
        waiting.removeIf(w -> w.pool() == pool);
        if (!tracked.remove(pool.getPoolName(), pool)) {
            return;
        }
        for (Waiting next : List.copyOf(waiting)) {
            if (next.pool().getPoolName().equals(pool.getPoolName())) {
                waiting.remove(next);
                if (!next.pool().isClosed()) {
                    track(next.pool(), next.meters());
                    return;
                }
            }
        }
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
