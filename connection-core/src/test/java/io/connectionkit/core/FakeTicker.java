package io.connectionkit.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock for tests: time stands still until the test advances it. Hand it wherever a
 * {@code LongSupplier nanoTime} is taken. Thread-safe.
 */
final class FakeTicker implements LongSupplier {

    // not zero, so code that mistakes "0" for "never set" shows up
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    /** Moves the clock forward by {@code duration}. */
    FakeTicker advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
        return this;
    }

    /** The current time in nanoseconds. */
    @Override
    public long getAsLong() {
        return nanos.get();
    }
}
