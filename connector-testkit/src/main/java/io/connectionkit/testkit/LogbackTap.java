package io.connectionkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * While installed, every Logback event at TRACE and above reaches the kit as text, and the
 * appenders that were attached before print exactly what they printed before. Every logger with
 * a level is lowered to TRACE, a recorder is attached where events end (the root and each logger
 * that passes nothing up), and each appender already there gets, first in its filters, a
 * threshold at the level its event's logger had before. {@link #remove()} undoes all of it.
 */
final class LogbackTap {

    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final Map<String, Level> effectiveBefore;
    private final List<Appender<ILoggingEvent>> printing = new ArrayList<>();
    private final List<Logger> ends = new ArrayList<>();
    private final LoggerContext context;
    private final Recorder recorder;
    private final Threshold threshold = new Threshold();
    private final CallRecorder calls;

    private LogbackTap(LoggerContext context, Consumer<String> sink) {
        Map<String, Level> effective = new HashMap<>();
        Set<Appender<ILoggingEvent>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Logger logger : context.getLoggerList()) {
            effective.put(logger.getName(), logger.getEffectiveLevel());
            if (logger.getLevel() != null) {
                levels.put(logger, logger.getLevel());
            }
            if (logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
                ends.add(logger);
            }
            logger.iteratorForAppenders().forEachRemaining(appender -> {
                if (seen.add(appender)) {
                    printing.add(appender);
                }
            });
        }
        effectiveBefore = Map.copyOf(effective);
        this.context = context;
        recorder = new Recorder(context, sink);
        calls = new CallRecorder(context.getTurboFilterList(), sink);
    }

    /** Starts seeing every event of {@code context}, sending each as text to {@code sink}. */
    static LogbackTap install(LoggerContext context, Consumer<String> sink) {
        LogbackTap tap = new LogbackTap(context, sink);
        try {
            tap.put();
        } catch (RuntimeException | Error e) {
            tap.remove(); // undoes what was done, and nothing else
            throw e;
        }
        return tap;
    }

    private void put() {
        // Thresholds before lower levels, and after them on removal, so nothing extra is ever printed.
        threshold.start();
        for (Appender<ILoggingEvent> appender : printing) {
            List<Filter<ILoggingEvent>> filters = appender.getCopyOfAttachedFiltersList();
            filters.add(0, threshold);
            replaceFilters(appender, filters);
        }
        recorder.start();
        for (Logger end : ends) {
            end.addAppender(recorder);
        }
        calls.start();
        context.getTurboFilterList().add(0, calls); // first: see CallRecorder
        levels.keySet().forEach(logger -> logger.setLevel(Level.TRACE));
    }

    void remove() {
        levels.forEach(Logger::setLevel);
        context.getTurboFilterList().remove(calls);
        calls.stop();
        for (Logger end : ends) {
            end.detachAppender(recorder);
        }
        recorder.stop();
        for (Appender<ILoggingEvent> appender : printing) {
            List<Filter<ILoggingEvent>> filters = appender.getCopyOfAttachedFiltersList();
            filters.remove(threshold);
            replaceFilters(appender, filters);
        }
        threshold.stop();
    }

    private static void replaceFilters(Appender<ILoggingEvent> appender, List<Filter<ILoggingEvent>> filters) {
        appender.clearAllFilters();
        filters.forEach(appender::addFilter);
    }

    /** The level that decided before the tap whether {@code loggerName} printed: its own, or its nearest ancestor's. */
    private Level levelBefore(String loggerName) {
        String name = loggerName;
        while (true) {
            Level level = effectiveBefore.get(name);
            if (level != null) {
                return level;
            }
            int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
            // A logger made while the tap was in place: Logback made its ancestors too, up to one that was there.
            name = cut > 0 ? name.substring(0, cut) : org.slf4j.Logger.ROOT_LOGGER_NAME;
        }
    }

    /** An event as text: the message, arguments it leaves out, key-value pairs, the MDC and the exception chain. */
    private static String text(ILoggingEvent event) {
        String message = String.valueOf(event.getFormattedMessage());
        StringBuilder text = new StringBuilder(message);
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                String value = String.valueOf(argument);
                if (!message.contains(value)) {
                    text.append(" [argument ").append(value).append(']');
                }
            }
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                text.append(" [key-value pair ").append(pair.key).append('=').append(pair.value).append(']');
            }
        }
        if (event.getMDCPropertyMap() != null) {
            event.getMDCPropertyMap().forEach((key, value) -> text.append(" [MDC ").append(key).append('=')
                    .append(value).append(']'));
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown instanceof ThrowableProxy proxy) {
            Exceptions.appendChain(text, proxy.getThrowable());
        } else if (thrown != null) {
            text.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(thrown));
        }
        return text.toString();
    }

    /** Keeps an appender that was already there to the events its logger's level let through before. */
    private final class Threshold extends Filter<ILoggingEvent> {
        Threshold() {
            setName("connector-testkit-threshold");
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(levelBefore(event.getLoggerName())) ? FilterReply.NEUTRAL
                    : FilterReply.DENY;
        }
    }

    /**
     * First of the turbo filters, it asks the others itself, each once, and gives their answer: a
     * call they deny (a {@code DuplicateMessageFilter}, a filter by marker or MDC) reaches no
     * appender, yet may carry a secret, so its message is kept here. Calls let through are kept by
     * the {@link Recorder}, with their key-value pairs.
     */
    private static final class CallRecorder extends TurboFilter {
        private final List<TurboFilter> chain;
        private final Consumer<String> sink;

        CallRecorder(List<TurboFilter> chain, Consumer<String> sink) {
            this.chain = chain;
            this.sink = sink;
            setName("connector-testkit-calls");
        }

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            FilterReply reply = FilterReply.NEUTRAL;
            for (Object filter : chain.toArray()) {
                if (filter != this) {
                    reply = ((TurboFilter) filter).decide(marker, logger, level, format, params, t);
                    if (reply != FilterReply.NEUTRAL) {
                        break;
                    }
                }
            }
            if (reply == FilterReply.DENY && format != null) {
                String message = MessageFormatter.arrayFormat(format, params).getMessage();
                StringBuilder text = new StringBuilder(message);
                if (params != null) {
                    for (Object param : params) {
                        text.append(" [argument ").append(param).append(']');
                    }
                }
                if (t != null) {
                    Exceptions.appendChain(text, t);
                }
                sink.accept(text.toString());
            }
            return reply;
        }
    }

    private static final class Recorder extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Consumer<String> sink;

        Recorder(LoggerContext context, Consumer<String> sink) {
            this.sink = sink;
            setContext(context);
            setName("connector-testkit");
        }

        @Override
        protected void append(ILoggingEvent event) {
            sink.accept(text(event));
        }
    }
}
