package io.connectionkit.core;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The default clock of every ttl: the system's, advanced by a thread of its own while it is read. */
class CoarseClockTest {

    @Test
    void followsTheSystemClockWhileRead() {
        CoarseClock clock = new CoarseClock(Duration.ofMillis(5), Duration.ofMinutes(1));
        long first = clock.getAsLong();

        await().atMost(10, TimeUnit.SECONDS).until(() -> clock.getAsLong() > first);
        long before = System.nanoTime();
        long read = clock.getAsLong();
        long after = System.nanoTime();

        assertThat(read).as("never ahead of the system clock").isLessThanOrEqualTo(after);
        // a tick is 5 ms; a starved thread may lag more, but not by a second in any sane build
        assertThat(before - read).as("lag behind the system clock, ns").isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void itsThreadStopsWhenNothingReadsAndTheNextReadStartsItAgain() {
        CoarseClock clock = new CoarseClock(Duration.ofMillis(5), Duration.ofMillis(50));
        clock.getAsLong();
        assertThat(clock.isTicking()).isTrue();

        await().atMost(10, TimeUnit.SECONDS).until(() -> !clock.isTicking());
        long before = System.nanoTime();
        long read = clock.getAsLong();

        assertThat(read).as("a read while stopped is the system clock itself").isGreaterThanOrEqualTo(before);
        assertThat(clock.isTicking()).isTrue();
        long restarted = clock.getAsLong();
        await().atMost(10, TimeUnit.SECONDS).until(() -> clock.getAsLong() > restarted);
    }

    @Test
    void anInterruptedClockThreadGoesOnWaitingBetweenTicksRatherThanSpinning() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled(), "thread CPU time is measured");
        CoarseClock clock = new CoarseClock(Duration.ofMillis(20), Duration.ofMinutes(1));
        long first = clock.getAsLong();
        Thread ticker = clock.thread();

        ticker.interrupt();
        await().atMost(10, TimeUnit.SECONDS).until(() -> clock.getAsLong() > first); // it went on ticking
        long cpuBefore = threads.getThreadCpuTime(ticker.getId());
        long wallBefore = System.nanoTime();
        long ticked = clock.getAsLong();
        // some ten ticks of the clock itself
        await().atMost(10, TimeUnit.SECONDS).until(() -> clock.getAsLong() - ticked >= TimeUnit.MILLISECONDS.toNanos(200));
        long cpu = threads.getThreadCpuTime(ticker.getId()) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;

        assertThat(ticker.isAlive()).isTrue();
        // a spinning thread would use about all of the wall time; one that parks between ticks, next to none
        assertThat(cpu).as("CPU ns of the clock thread over %d ns", wall).isLessThan(wall / 4);
    }
}
