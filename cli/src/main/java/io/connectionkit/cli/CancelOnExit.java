package io.connectionkit.cli;

/**
 * Ctrl-C while a statement runs: the JVM's shutdown interrupts the thread that runs it, which
 * cancels the statement at the database (as every connector does for an interrupted thread), and
 * waits a little for that before the JVM ends.
 */
final class CancelOnExit implements AutoCloseable {

    private static final long WAIT_MILLIS = 3_000;

    private final Thread hook;

    private CancelOnExit(Thread hook) {
        this.hook = hook;
    }

    static CancelOnExit of(Thread running) {
        Thread hook = new Thread(() -> {
            running.interrupt();
            try {
                running.join(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "connections-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        return new CancelOnExit(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs: it is cancelling the statement.
        }
    }
}
