package io.connectionkit.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The registry's ticker in the kit: ttl checks move it forward instead of sleeping. */
final class FakeClock implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
