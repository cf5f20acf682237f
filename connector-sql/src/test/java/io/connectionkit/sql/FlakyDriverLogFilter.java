package io.connectionkit.sql;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps off the console, where logback-test.xml puts it, what is logged about connections through
 * {@link FlakyDriver} (dialect {@code flaky}): tests break those on purpose, and a test that checks
 * what is logged captures it. Everything else logged at WARN still shows.
 */
public final class FlakyDriverLogFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getFormattedMessage().contains("dialect=flaky") ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
