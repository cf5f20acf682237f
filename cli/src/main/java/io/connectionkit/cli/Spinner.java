package io.connectionkit.cli;

import org.jspecify.annotations.Nullable;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A spinner on standard error while a statement runs longer than a moment, so that a person at a
 * terminal sees the tool is working; erased before the result is printed. The tool turns it on
 * only when the JVM has a console ({@link System#console()}, which on Java 17 means standard
 * input and output are a terminal), so that it stays out of a script's output and logs.
 */
final class Spinner implements AutoCloseable {

    private static final String FRAMES = "|/-\\";

    private final PrintStream err;
    private final @Nullable ScheduledExecutorService timer;
    private int frame;
    private boolean shown;
    private boolean stopped;

    /** {@code timer} null: a spinner that is off. */
    private Spinner(PrintStream err, @Nullable ScheduledExecutorService timer) {
        this.err = err;
        this.timer = timer;
    }

    /** A spinner that starts turning after {@code delay}, or one that never shows when {@code on} is false. */
    static Spinner start(PrintStream err, boolean on, Duration delay) {
        if (!on) {
            return new Spinner(err, null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "connections-spinner");
            thread.setDaemon(true);
            return thread;
        });
        Spinner spinner = new Spinner(err, timer);
        timer.scheduleAtFixedRate(spinner::turn, delay.toMillis(), 100, TimeUnit.MILLISECONDS);
        return spinner;
    }

    private synchronized void turn() {
        if (stopped) {
            return;
        }
        err.print("\r" + FRAMES.charAt(frame++ % FRAMES.length()) + " running");
        err.flush();
        shown = true;
    }

    /** Stops it and erases what it drew; idempotent. */
    synchronized void stop() {
        if (timer == null || stopped) {
            return;
        }
        stopped = true;
        timer.shutdownNow();
        if (shown) {
            err.print("\r         \r");
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
