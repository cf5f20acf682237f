package io.connectionkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged, at every level down to TRACE, while the kit runs: through SLF4J when it is
 * bound to Logback, and through {@code java.util.logging} (where {@link System.Logger}, which
 * {@code BaseConnection} uses, goes by default). Nothing more is printed than before: the
 * capture sees each message as it is asked for, then Logback's levels decide as usual. Only
 * lines holding one of the searched texts are kept.
 */
final class CapturedLogs implements AutoCloseable {

    private final List<String> searched;
    private final List<String> found = new CopyOnWriteArrayList<>();
    private final String probe = "kit-log-probe-" + UUID.randomUUID();
    private final Recorder recorder;
    private final String slf4jBinding;
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level julLevel;
    private final Handler julHandler = new JulHandler();

    private CapturedLogs(List<String> searched) {
        this.searched = List.copyOf(searched);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        slf4jBinding = factory.getClass().getName();
        recorder = factory instanceof LoggerContext context ? new Recorder(context) : null;
        julLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
    }

    /** Starts capturing; keeps the lines that contain one of {@code texts}. */
    static CapturedLogs start(String... texts) {
        return new CapturedLogs(List.of(texts));
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

    /** The kept lines: each message with its exceptions' class names and messages. */
    List<String> lines() {
        return List.copyOf(found);
    }

    private void record(String message, Throwable thrown) {
        StringBuilder line = new StringBuilder(String.valueOf(message));
        Exceptions.appendChain(line, thrown);
        String text = line.toString();
        if (text.contains(probe) || searched.stream().anyMatch(text::contains)) {
            found.add(text);
        }
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.context.getTurboFilterList().remove(recorder);
            recorder.stop();
        }
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(julLevel);
    }

    /**
     * Sees every Logback request before its level is checked. An {@code isTraceEnabled()}-style
     * question is answered yes so that guarded messages are built; the message itself is then
     * recorded and left to the configured levels, so the console shows no more than before.
     */
    private final class Recorder extends TurboFilter {
        private final LoggerContext context;

        Recorder(LoggerContext context) {
            this.context = context;
            setName("connector-testkit");
            start();
            context.getTurboFilterList().add(0, this);
        }

        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                                  Object[] params, Throwable t) {
            if (format == null && params == null && t == null) {
                return FilterReply.ACCEPT;
            }
            FormattingTuple message = MessageFormatter.arrayFormat(format, params);
            record(message.getMessage(), t != null ? t : message.getThrowable());
            return FilterReply.NEUTRAL;
        }
    }

    private final class JulHandler extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord logRecord) {
            record(formatter.formatMessage(logRecord), logRecord.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
