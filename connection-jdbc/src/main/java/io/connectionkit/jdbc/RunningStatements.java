package io.connectionkit.jdbc;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The statements running now, watched by one daemon thread that cancels at the database, with
 * {@link Statement#cancel()}, a statement past its timeout or whose thread was interrupted.
 * Drivers block in socket reads, which an interrupt does not end; pgjdbc and MariaDB's driver send
 * a cancel over a connection of its own, so it reaches a server whose answer is slow in coming.
 *
 * <p>Each thread has one slot, written when a statement starts and cleared when it ends: a
 * volatile write and a release store a statement, where a shared set would cost a statement two updates of a
 * concurrent map. The watcher looks at every slot each {@link #TICK}, and stops after a minute
 * with nothing to watch (it is started again by the next statement), so that an idle application
 * keeps no thread of ours.
 */
final class RunningStatements {

    private static final Logger LOG = LoggerFactory.getLogger(RunningStatements.class);
    static final Duration TICK = Duration.ofMillis(50);
    /**
     * How long an abortable statement may go on after its cancel was sent before its connection is
     * aborted: a cancel opens a connection of its own, and when the database or the network has
     * gone quiet neither that nor the statement's own read ever ends. A cancel that works takes
     * milliseconds.
     */
    static final Duration ABORT_AFTER = Duration.ofMillis(500);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long ABORT_AFTER_NANOS = ABORT_AFTER.toNanos();

    private static final Set<Slot> SLOTS = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(() -> {
        Slot slot = new Slot(Thread.currentThread());
        SLOTS.add(slot);
        return slot;
    });
    private static volatile boolean watching;
    private static volatile long lastTick; // System.nanoTime() at the watcher's last look; set before watching

    private static final int RUNNING = 0;
    private static final int CANCELLING = 1;
    private static final int CANCELLED = 2;
    private static final int CLOSED = 3;
    private static final VarHandle PHASE;
    private static final VarHandle SLOT_RUN;
    private static final VarHandle ABORT;
    // a statement's abort: NOT_ABORTED until the watcher starts one (ABORTING, then ABORTED) or its run closes first (NEVER)
    private static final int NOT_ABORTED = 0;
    private static final int ABORTING = 1;
    private static final int ABORTED = 2;
    private static final int NEVER = 3;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(Run.class, "phase", int.class);
            SLOT_RUN = MethodHandles.lookup().findVarHandle(Slot.class, "run", Run.class);
            ABORT = MethodHandles.lookup().findVarHandle(Run.class, "abort", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RunningStatements() {
    }

    /** Why a run was stopped. */
    enum Stop {
        /** Its timeout passed: the statement was cancelled. */
        TIMED_OUT,
        /** Its thread was interrupted: the statement was cancelled, and the interrupt stays set. */
        INTERRUPTED,
        /** The wait for a connection passed its deadline: the thread was interrupted, and the interrupt is ours to clear. */
        WAITED_TOO_LONG
    }

    /** One statement's run, or one wait for a connection, on the current thread: close it when it ends. */
    static final class Run implements AutoCloseable {
        private final Slot slot;
        private final @Nullable Run outer;
        private final @Nullable Statement statement;
        private final @Nullable Duration timeout;
        private final long deadline;
        private final boolean abortable;
        private volatile @Nullable Stop stop;
        private volatile long cancelledAt; // when the watcher stopped it: System.nanoTime()
        private volatile int abort; // NOT_ABORTED, ABORTING, ABORTED or NEVER
        private boolean closed; // of a wait, guarded by this run: the watcher must not interrupt a wait that ended
        private volatile int phase; // of a statement: RUNNING, then CLOSED, or CANCELLING and CANCELLED first

        private Run(Slot slot, @Nullable Statement statement, @Nullable Duration timeout, long deadline,
                    boolean abortable) {
            this.slot = slot;
            this.outer = slot.run; // a statement run by code that a stream hands its chunks to
            this.statement = statement;
            this.timeout = timeout;
            this.deadline = deadline;
            this.abortable = abortable;
        }

        /** Why the watcher stopped this run, or {@code null} while it has not. */
        @Nullable Stop stop() {
            return stop;
        }

        /** The timeout it ran under, or {@code null}. */
        @Nullable Duration timeout() {
            return timeout;
        }

        private boolean isPast(long now) {
            return timeout != null && now - deadline >= 0;
        }

        /**
         * Ends the watch. A statement's waits for a cancel under way, so that no cancel reaches
         * the connection once it runs something else (SQLite's cancels whatever its connection
         * runs), and for an abort under way, so that none reaches it once it is back in its pool;
         * a connection that was aborted runs nothing more, and its cancel need not be waited for.
         * After either, the connection is to be dropped from its pool ({@link #cancelSentOnThisThread}).
         * A wait that the watcher interrupted takes that interrupt back: the caller asked for none.
         */
        @Override
        public void close() {
            // Not cancelled (the common case): never CANCELLING, so no abort either.
            if (statement != null && !PHASE.compareAndSet(this, RUNNING, CLOSED)) {
                if (ABORT.compareAndSet(this, NOT_ABORTED, NEVER)) { // no abort starts from now on
                    while (phase == CANCELLING) {
                        Thread.onSpinWait();
                    }
                } else {
                    while (abort == ABORTING) { // a driver's abort may first try to reach the database
                        LockSupport.parkNanos(100_000);
                    }
                }
                slot.cancelSent = true;
            }
            // A release store, not a volatile one: a run's start must be seen (see stopWatching), its end
            // need not be at once, and a watcher that still sees this run finds it closed and leaves it.
            SLOT_RUN.setRelease(slot, outer);
            if (statement == null) {
                synchronized (this) {
                    closed = true;
                    if (stop == Stop.WAITED_TOO_LONG) {
                        Thread.interrupted();
                    }
                }
            }
        }

        /** Interrupts the thread of a wait past its deadline, unless the wait has ended or the thread is interrupted already. */
        private synchronized void interruptWait(Thread thread) {
            if (!closed && !thread.isInterrupted()) {
                stop = Stop.WAITED_TOO_LONG;
                thread.interrupt();
            }
        }
    }

    /**
     * Watches {@code statement}, about to run on the current thread, until the returned run is
     * closed. The watcher cancels it when {@code timeout} (if any) passes or the thread is
     * interrupted, also when it was interrupted before. If it is {@code abortable} and still runs
     * {@link #ABORT_AFTER} after that, the watcher aborts its connection, which ends a driver's read
     * that waits on a database or network gone quiet: only for statements whose abort cannot leave
     * a write behind that the caller is told failed, nor reach a transaction's next statement.
     */
    static Run watch(Statement statement, @Nullable Duration timeout, boolean abortable) {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        return start(new Run(SLOT.get(), statement, timeout, deadline, abortable));
    }

    /**
     * {@link System#nanoTime()} as the watcher last read it, at most a {@link #TICK} old while it
     * watches (more if it is starved of CPU); otherwise read now. A query's start needs no more, and
     * on some virtual machines {@code System.nanoTime()} costs a noticeable part of a short query.
     */
    static long coarseNanoTime() {
        return watching ? lastTick : System.nanoTime();
    }

    /**
     * Watches a wait for a connection on the current thread, which ends by {@code deadline}
     * ({@link System#nanoTime()}): past it, the watcher interrupts the thread, whose wait then
     * fails, and {@link Run#close()} clears that interrupt again.
     */
    static Run watchWait(long deadline) {
        return start(new Run(SLOT.get(), null, Duration.ZERO, deadline, false));
    }

    private static Run start(Run run) {
        run.slot.run = run;
        if (!watching) {
            startWatcher();
        }
        return run;
    }

    private static synchronized void startWatcher() {
        if (watching) {
            return;
        }
        lastTick = System.nanoTime();
        // no thread-local values of the statement's thread, nor its class loader
        Thread watcher = new Thread(null, RunningStatements::watchUntilIdle, "connectionkit-statement-watcher", 0, false);
        watcher.setDaemon(true);
        watcher.setContextClassLoader(null);
        watcher.start(); // if this throws, nothing watches, and the next statement tries again
        watching = true;
    }

    private static void watchUntilIdle() {
        boolean stopped = false;
        try {
            long lastBusy = System.nanoTime();
            while (!stopped) {
                LockSupport.parkNanos(TICK.toNanos());
                Thread.interrupted(); // ours alone to end; an interrupt left set would end every park at once
                long now = System.nanoTime();
                lastTick = now;
                if (look(now)) {
                    lastBusy = now;
                } else if (now - lastBusy > IDLE_NANOS) {
                    stopped = stopWatching();
                }
            }
        } finally {
            if (!stopped) { // died: the next statement starts another, and coarseNanoTime reads the clock meanwhile
                synchronized (RunningStatements.class) {
                    watching = false;
                }
            }
        }
    }

    /** Stops unless a statement started meanwhile; {@code true} if it stopped. */
    private static synchronized boolean stopWatching() {
        watching = false; // first: a statement starting now either sees it, or is seen below
        for (Slot slot : SLOTS) {
            if (slot.run != null) {
                watching = true;
                return false;
            }
        }
        return true;
    }

    /** Looks at every slot once; {@code true} if some run was going on. */
    private static boolean look(long now) {
        boolean busy = false;
        for (Slot slot : SLOTS) {
            Thread thread = slot.thread.get();
            if (thread == null || !thread.isAlive()) {
                SLOTS.remove(slot);
                continue;
            }
            Run run = slot.run;
            if (run == null) {
                continue;
            }
            busy = true;
            if (run.stop != null) {
                int phase = run.phase;
                if (run.abortable && (phase == CANCELLING || phase == CANCELLED) && now - run.cancelledAt >= ABORT_AFTER_NANOS
                        && ABORT.compareAndSet(run, NOT_ABORTED, ABORTING)) { // else it closed, or is aborted already
                    abort(run);
                }
            } else if (run.statement == null) {
                if (run.isPast(now)) {
                    run.interruptWait(thread);
                }
            } else if (thread.isInterrupted()) {
                cancel(run, Stop.INTERRUPTED, now);
            } else if (run.isPast(now)) {
                cancel(run, Stop.TIMED_OUT, now);
            }
        }
        return busy;
    }

    /**
     * Cancels on a thread of its own: a driver's cancel opens a connection, which may take as
     * long as the database takes to answer, and must not hold up the other statements' watch.
     */
    private static void cancel(Run run, Stop why, long now) {
        run.cancelledAt = now;
        run.stop = why;
        Statement statement = run.statement;
        Thread canceller = new Thread(() -> {
            if (!PHASE.compareAndSet(run, RUNNING, CANCELLING)) {
                return; // it ended meanwhile
            }
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // Its run reports the stop either way.
                LOG.debug("Cancelling a statement failed with SQL state {}", e instanceof SQLException s ? s.getSQLState()
                        : e.getClass().getName());
            } finally {
                run.phase = CANCELLED;
            }
        }, "connectionkit-statement-cancel");
        canceller.setDaemon(true);
        canceller.setContextClassLoader(null);
        canceller.start();
    }

    /**
     * Aborts, on a thread of its own, the connection of a statement that its cancel did not end
     * (its run is ABORTING): a driver may wait for its socket to close. The statement's read then
     * fails. Its run's close waits for the abort to end and has the connection dropped from its
     * pool, so the abort reaches nothing else.
     */
    private static void abort(Run run) {
        Statement statement = run.statement;
        try {
            Thread aborter = new Thread(null, () -> {
                try {
                    statement.getConnection().abort(Runnable::run);
                    LOG.debug("Aborted the connection of a statement that its cancel did not end within {} ms",
                            ABORT_AFTER.toMillis());
                } catch (SQLException | RuntimeException e) {
                    // a driver without abort: the statement ends, or not, as it would have
                    LOG.debug("Aborting the connection of a cancelled statement failed with {}", e instanceof SQLException s
                            ? "SQL state " + s.getSQLState() : e.getClass().getName());
                } finally {
                    run.abort = ABORTED;
                }
            }, "connectionkit-statement-abort", 0, false);
            aborter.setDaemon(true);
            aborter.setContextClassLoader(null);
            aborter.start();
        } catch (RuntimeException | Error e) {
            run.abort = ABORTED; // no thread: no abort, and its run must not wait for one
            throw e;
        }
    }

    /**
     * Whether a cancel was sent for a statement that ran on this thread since it last asked: its
     * connection is not to run another, which a late cancel could end.
     */
    static boolean cancelSentOnThisThread() {
        Slot slot = SLOT.get();
        boolean sent = slot.cancelSent;
        slot.cancelSent = false;
        return sent;
    }

    /** The run of one thread. */
    private static final class Slot {
        private final WeakReference<Thread> thread;
        private volatile @Nullable Run run;
        private boolean cancelSent; // read and written by its own thread only

        Slot(Thread thread) {
            this.thread = new WeakReference<>(thread);
        }
    }
}
