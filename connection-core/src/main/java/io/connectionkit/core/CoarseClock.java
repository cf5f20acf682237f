package io.connectionkit.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * {@link System#nanoTime()} as of its last tick, the default clock of every ttl. A cache hit reads
 * the clock to see whether its result has expired, and {@code System.nanoTime()} can cost more than
 * the rest of the hit (some 25 ns on a virtual machine's kvm-clock); this costs a volatile read.
 *
 * <p>A daemon thread advances it every tick ({@link #TICK} for the shared one) while it is read,
 * and stops after {@link #IDLE} without a read, so that an idle application keeps no thread of ours; a read while it is stopped
 * reads {@code System.nanoTime()} and starts it again. Its time lags the true one by at most a tick
 * and the thread's scheduling delay: a result may outlive its ttl by that much, or expire that much
 * early. Thread-safe.
 */
final class CoarseClock implements LongSupplier {

    static final Duration TICK = Duration.ofMillis(10);
    static final Duration IDLE = Duration.ofMinutes(1);
    static final CoarseClock SHARED = new CoarseClock(TICK, IDLE);

    private final long tickNanos;
    private final long maxIdleTicks;
    private volatile long now;
    private volatile boolean ticking;
    private boolean read; // since the last tick; a lost write only makes the thread stop and start again

    /** A clock of its own, for tests: {@link #SHARED} is the one to use. */
    CoarseClock(Duration tick, Duration idle) {
        this.tickNanos = tick.toNanos();
        this.maxIdleTicks = Math.max(1, idle.toNanos() / tickNanos);
    }

    @Override
    public long getAsLong() {
        if (ticking) {
            if (!read) {
                read = true;
            }
            return now;
        }
        return start();
    }

    private synchronized long start() {
        long time = System.nanoTime();
        if (!ticking) {
            now = time;
            read = true;
            ticking = true;
            Thread thread = new Thread(this::tickWhileRead, "connectionkit-clock");
            thread.setDaemon(true);
            thread.setContextClassLoader(null); // pins no application's class loader
            thread.start();
        }
        return time;
    }

    private void tickWhileRead() {
        long idleTicks = 0;
        while (true) {
            LockSupport.parkNanos(tickNanos);
            now = System.nanoTime();
            if (read) {
                read = false;
                idleTicks = 0;
            } else if (++idleTicks >= maxIdleTicks && stop()) {
                return;
            }
        }
    }

    /** Whether its thread runs now. */
    boolean isTicking() {
        return ticking;
    }

    /** Stops unless a read came meanwhile; a read racing this one gets a time at most a tick old. */
    private synchronized boolean stop() {
        if (read) {
            return false;
        }
        ticking = false;
        return true;
    }
}
