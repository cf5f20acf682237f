package io.connectionkit.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * {@link System#nanoTime()} as of its last tick, the default clock of query results' ttls. A cache
 * hit reads the clock to see whether its result has expired, and {@code System.nanoTime()} can cost
 * more than the rest of the hit (some 25 ns on a virtual machine's kvm-clock); this costs a volatile
 * read.
 *
 * <p>A daemon thread advances it every tick ({@link #TICK} for the shared one) while it is read, and
 * stops after {@link #IDLE} without a read, so that an idle application keeps no thread of ours; a
 * read while it is stopped reads {@code System.nanoTime()} and starts it again. Its time lags the
 * true one by at most a tick and the thread's scheduling delay: a result may outlive its ttl by that
 * much, or expire that much early. Thread-safe.
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
    private volatile Thread thread; // the last one started

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
        if (ticking) {
            return now; // started by another reader meanwhile: never a time ahead of what the others read
        }
        long time = System.nanoTime();
        now = time;
        read = true;
        // no thread-local values of the reader's, nor its class loader: the shared clock outlives any one application
        Thread thread = new Thread(null, this::tickWhileRead, "connectionkit-clock", 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        thread.start(); // if this throws, the clock is not ticking, and the next read tries again
        this.thread = thread;
        ticking = true;
        return time;
    }

    private void tickWhileRead() {
        boolean stopped = false;
        try {
            long idleTicks = 0;
            while (!stopped) {
                LockSupport.parkNanos(tickNanos);
                Thread.interrupted(); // ours alone to end; an interrupt left set would end every park at once
                now = System.nanoTime();
                if (read) {
                    read = false;
                    idleTicks = 0;
                } else if (++idleTicks >= maxIdleTicks) {
                    stopped = stop();
                }
            }
        } finally {
            if (!stopped) { // died: let the next read start another rather than read a time that stands still
                synchronized (this) {
                    ticking = false;
                }
            }
        }
    }

    /** The thread that advances it, or the last one that did; {@code null} before the first read. */
    Thread thread() {
        return thread;
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
