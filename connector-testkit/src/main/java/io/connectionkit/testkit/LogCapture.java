package io.connectionkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a logger (and its children) logs at {@code level} and above, until closed; and,
 * for {@link #everything()}, what {@code java.util.logging} gets at every level (pgjdbc and
 * Snowflake's driver log there). What it captures goes to the test only, not to the console, so
 * that a test that provokes a failure keeps the build log short. For a connector's own tests,
 * with Logback as the SLF4J backend (as the testkit has it).
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.of(MyConnection.class, Level.WARN)) {
 *     ... provoke a retry ...
 *     assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final boolean additive;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final JulRecorder jul;

    private LogCapture(String name, Level level, boolean julToo) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(level);
        if (name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            logger.iteratorForAppenders().forEachRemaining(detached::add);
            detached.forEach(logger::detachAppender);
        } else {
            logger.setAdditive(false);
        }
        appender.start();
        logger.addAppender(appender);
        jul = julToo ? new JulRecorder() : null;
    }

    /** What the logger of {@code type} logs at {@code level} and above. */
    public static LogCapture of(Class<?> type, Level level) {
        return of(type.getName(), level);
    }

    /** A logger by name, such as a driver's package: {@code org.mariadb.jdbc}. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level, false);
    }

    /** Everything, every logger (HikariCP's and the drivers' too). */
    public static LogCapture all(Level level) {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, level, false);
    }

    /** Everything at TRACE through SLF4J, and at every level through {@code java.util.logging}. */
    public static LogCapture everything() {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE, true);
    }

    /** What was logged, in order. */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The messages logged, formatted, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Each message with its arguments and exception chain's class names and messages; then what JUL got. */
    public List<String> fullTexts() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    text.append(" | ").append(argument);
                }
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            texts.add(text.toString());
        }
        if (jul != null) {
            texts.addAll(jul.texts);
        }
        return texts;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        detached.forEach(logger::addAppender);
        logger.setAdditive(additive);
        logger.setLevel(previous);
        if (jul != null) {
            jul.close();
        }
    }

    /**
     * A handler on JUL's root logger, which is lowered to ALL until closed; the root's own handlers
     * (the console's) are silenced meanwhile, so that what is captured stays off the console.
     */
    private static final class JulRecorder extends Handler {
        private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        private final java.util.logging.Level before = root.getLevel();
        private final java.util.Map<Handler, java.util.logging.Level> silenced = new java.util.LinkedHashMap<>();
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        JulRecorder() {
            setLevel(java.util.logging.Level.ALL);
            for (Handler handler : root.getHandlers()) {
                silenced.put(handler, handler.getLevel());
                handler.setLevel(java.util.logging.Level.OFF);
            }
            root.setLevel(java.util.logging.Level.ALL);
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord logRecord) {
            StringBuilder text = new StringBuilder(logRecord.getLoggerName() + ": " + formatter.formatMessage(logRecord));
            if (logRecord.getParameters() != null) {
                for (Object parameter : logRecord.getParameters()) {
                    text.append(" | ").append(parameter);
                }
            }
            for (Throwable t = logRecord.getThrown(); t != null; t = t.getCause()) {
                text.append(" | ").append(t);
            }
            texts.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(before);
            silenced.forEach(Handler::setLevel);
        }
    }
}
