package io.connectionkit.testkit;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged, at every level down to TRACE, while the kit runs: through SLF4J when it is
 * bound to Logback (message, arguments, key-value pairs, MDC and exceptions, see {@link LogbackTap}),
 * and through {@code java.util.logging} (where some drivers log, pgjdbc among them, and where
 * {@link System.Logger} goes by default). Nothing more is printed than before. Captures may overlap, as checks
 * run in parallel do: the first to start lowers the levels, the last to close restores them, and
 * each open capture sees every event logged meanwhile. Only lines holding one of a capture's
 * searched texts are kept.
 */
final class CapturedLogs implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static final Set<CapturedLogs> OPEN = new CopyOnWriteArraySet<>();
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");
    private static final Handler JUL_HANDLER = new JulHandler();
    // Guarded by LOCK; set while a capture is open.
    private static LogbackTap logbackTap;
    private static java.util.logging.Level julLevelBefore;

    private final List<String> searched;
    private final List<String> found = new CopyOnWriteArrayList<>();
    private final String probe = "kit-log-probe-" + UUID.randomUUID();
    private final String slf4jBinding;

    private CapturedLogs(List<String> searched, String slf4jBinding) {
        this.searched = List.copyOf(searched);
        this.slf4jBinding = slf4jBinding;
    }

    /** Starts capturing; keeps the lines that contain one of {@code texts}. */
    static CapturedLogs start(String... texts) {
        ILoggerFactory factory = initializedLoggerFactory();
        CapturedLogs logs = new CapturedLogs(List.of(texts), factory.getClass().getName());
        synchronized (LOCK) {
            boolean first = OPEN.isEmpty();
            if (first) {
                // JUL first and last: Logback's LevelChangePropagator, if configured, sets JUL levels too.
                julLevelBefore = JUL_ROOT.getLevel();
                JUL_ROOT.setLevel(java.util.logging.Level.ALL);
                JUL_ROOT.addHandler(JUL_HANDLER);
            }
            // Not only the first capture: one that started while SLF4J was still setting up found no Logback.
            if (logbackTap == null && factory instanceof LoggerContext context) {
                try {
                    logbackTap = LogbackTap.install(context, CapturedLogs::offer);
                } catch (RuntimeException | Error e) {
                    if (first) {
                        JUL_ROOT.removeHandler(JUL_HANDLER);
                        JUL_ROOT.setLevel(julLevelBefore);
                    }
                    throw e;
                }
            }
            OPEN.add(logs);
        }
        return logs;
    }

    /**
     * SLF4J's factory once SLF4J has set itself up: while one thread binds it, others are handed a
     * stand-in ({@code SubstituteLoggerFactory}), as checks starting at once in a new JVM are.
     */
    private static ILoggerFactory initializedLoggerFactory() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        while (factory instanceof SubstituteLoggerFactory && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            factory = LoggerFactory.getILoggerFactory();
        }
        return factory;
    }

    /**
     * Why the capture cannot see what is logged through SLF4J, or {@code null} when it can: logs
     * a probe at TRACE through SLF4J and through {@link System.Logger} and looks for both.
     */
    String blindSpot() {
        org.slf4j.LoggerFactory.getLogger("io.connectionkit.testkit.probe").trace("SLF4J {}", probe);
        System.getLogger("io.connectionkit.testkit.probe").log(System.Logger.Level.TRACE, "System.Logger " + probe);
        boolean slf4jSeen = found.stream().anyMatch(line -> line.contains("SLF4J " + probe));
        boolean systemSeen = found.stream().anyMatch(line -> line.contains("System.Logger " + probe));
        if (slf4jSeen && systemSeen) {
            return null;
        }
        if (!slf4jSeen) {
            return "SLF4J is bound to " + slf4jBinding + ", whose output the kit cannot see. ConnectorTestKit "
                    + "captures SLF4J through Logback: keep ch.qos.logback:logback-classic (which the kit brings) "
                    + "as the only SLF4J binding on your test class path, and remove the others "
                    + "(slf4j-simple, slf4j-nop, log4j-slf4j2-impl, ...).";
        }
        return "A TRACE message logged through System.Logger did not reach java.util.logging's root logger or "
                + "SLF4J; the kit cannot see where System.Logger writes on your test class path.";
    }

    /** The kept lines: each message with what else it carried, and its exceptions' class names and messages. */
    List<String> lines() {
        return List.copyOf(found);
    }

    /** Hands one logged event, as text, to every open capture. */
    private static void offer(String text) {
        for (CapturedLogs logs : OPEN) {
            logs.keep(text);
        }
    }

    private void keep(String text) {
        if (text.contains(probe) || searched.stream().anyMatch(text::contains)) {
            found.add(text);
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (!OPEN.remove(this) || !OPEN.isEmpty()) {
                return;
            }
            if (logbackTap != null) {
                logbackTap.remove();
                logbackTap = null;
            }
            JUL_ROOT.removeHandler(JUL_HANDLER);
            JUL_ROOT.setLevel(julLevelBefore);
        }
    }

    private static final class JulHandler extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord logRecord) {
            StringBuilder line = new StringBuilder(String.valueOf(formatter.formatMessage(logRecord)));
            Exceptions.appendChain(line, logRecord.getThrown());
            offer(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
