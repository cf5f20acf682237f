package io.connectionkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit sees everything logged while a check runs; the test's own appenders print what they printed before. */
@Isolated // it changes and checks the levels of every logger, which other captures share
class CapturedLogsTest {

    private static final LoggerContext LOGBACK = (LoggerContext) LoggerFactory.getILoggerFactory();
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    private final String secret = "captured-" + UUID.randomUUID();
    private final Logger root = LOGBACK.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    /** Stands for the console appender of logback-test.xml: attached before any capture starts. */
    private final ListAppender<ILoggingEvent> console = new ListAppender<>();
    /** The real one, detached meanwhile: what these tests log on purpose stays off the build's console. */
    private final List<Appender<ILoggingEvent>> realConsole = new ArrayList<>();

    @BeforeEach
    void attachConsole() {
        realConsole.addAll(appendersOf(root));
        realConsole.forEach(root::detachAppender);
        console.setContext(LOGBACK);
        console.start();
        root.addAppender(console);
    }

    @AfterEach
    void detachConsole() {
        root.detachAppender(console);
        console.stop();
        realConsole.forEach(root::addAppender);
    }

    /** What the console printed that holds {@code text}. */
    private static List<String> printed(ListAppender<ILoggingEvent> appender, String text) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
        }
    }

    private static List<Appender<ILoggingEvent>> appendersOf(Logger logger) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }

    @Test
    void aFluentDebugMessageIsCapturedButNotPrinted() {
        org.slf4j.Logger log = LoggerFactory.getLogger("kit.test.fluent");
        try (CapturedLogs logs = CapturedLogs.start(secret)) {
            log.atDebug().log("debug {}", secret);
            log.atWarn().log("warn {}", secret);
            assertThat(logs.lines()).contains("debug " + secret, "warn " + secret);
        }
        assertThat(printed(console, secret)).containsExactly("warn " + secret);
    }

    @Test
    void aSecretOnlyInAKeyValuePairIsKept() {
        try (CapturedLogs logs = CapturedLogs.start(secret)) {
            LoggerFactory.getLogger("kit.test.pairs").atInfo().addKeyValue("token", secret).log("connecting");
            assertThat(logs.lines()).singleElement().asString().contains("connecting", "token=" + secret);
        }
        assertThat(printed(console, secret)).isEmpty();
    }

    @Test
    void aCallThatAFilterOfTheUsersDeniesIsKept() {
        ch.qos.logback.classic.turbo.DuplicateMessageFilter duplicates = new ch.qos.logback.classic.turbo.DuplicateMessageFilter();
        duplicates.setAllowedRepetitions(1);
        duplicates.start();
        LOGBACK.addTurboFilter(duplicates);
        try (CapturedLogs logs = CapturedLogs.start(secret)) {
            org.slf4j.Logger log = LoggerFactory.getLogger("kit.test.duplicates");
            log.warn("connecting as {}", "nobody");
            log.warn("connecting as {}", "someone");
            log.warn("connecting as {}", secret);
            assertThat(logs.lines()).singleElement().asString().contains("connecting as " + secret);
        } finally {
            LOGBACK.getTurboFilterList().remove(duplicates);
            duplicates.stop();
        }
        assertThat(printed(console, secret)).as("the user's filter still denies it").isEmpty();
        assertThat(LOGBACK.getTurboFilterList()).as("the kit's filter is gone").isEmpty();
    }

    @Test
    void argumentsLeftOutOfTheMessageTheMdcAndCausesAreKept() {
        org.slf4j.Logger log = LoggerFactory.getLogger("kit.test.hidden");
        try (CapturedLogs logs = CapturedLogs.start(secret)) {
            log.info("no placeholder", secret);
            MDC.put("user", secret);
            try {
                log.info("with the MDC");
            } finally {
                MDC.remove("user");
            }
            log.info("failed", new IllegalStateException("wrapper", new RuntimeException("driver said " + secret)));
            assertThat(logs.lines()).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("no placeholder"))
                    .anySatisfy(line -> assertThat(line).startsWith("with the MDC"))
                    .anySatisfy(line -> assertThat(line).startsWith("failed").contains("driver said " + secret));
        }
    }

    @Test
    void traceIsCapturedFromALoggerSetAboveItAndItsLevelIsRestored() {
        Logger quiet = LOGBACK.getLogger("kit.test.quiet");
        quiet.setLevel(Level.ERROR);
        java.util.logging.Level julBefore = JUL_ROOT.getLevel();
        try {
            try (CapturedLogs logs = CapturedLogs.start(secret)) {
                quiet.trace("trace {}", secret);
                System.getLogger("kit.test.quiet").log(System.Logger.Level.TRACE, "System.Logger " + secret);
                assertThat(logs.lines()).contains("trace " + secret, "System.Logger " + secret);
            }
            assertThat(quiet.getLevel()).isEqualTo(Level.ERROR);
            assertThat(root.getLevel()).isEqualTo(Level.WARN);
            assertThat(JUL_ROOT.getLevel()).isEqualTo(julBefore);
            assertThat(printed(console, secret)).isEmpty();
        } finally {
            quiet.setLevel(null);
        }
    }

    @Test
    void aLoggerSetBelowTheRootPrintsWhatItPrintedBefore() {
        Logger chatty = LOGBACK.getLogger("kit.test.chatty");
        chatty.setLevel(Level.DEBUG);
        try {
            try (CapturedLogs logs = CapturedLogs.start(secret)) {
                chatty.debug("debug {}", secret);
                chatty.trace("trace {}", secret);
                LoggerFactory.getLogger("kit.test.chatty.child").atDebug().log("child {}", secret);
                assertThat(logs.lines()).contains("debug " + secret, "trace " + secret, "child " + secret);
            }
            assertThat(printed(console, secret)).containsExactly("debug " + secret, "child " + secret);
        } finally {
            chatty.setLevel(null);
        }
    }

    @Test
    void aLoggerThatPassesNothingUpIsCapturedAndPrintsWhatItPrintedBefore() {
        Logger alone = LOGBACK.getLogger("kit.test.alone");
        ListAppender<ILoggingEvent> own = new ListAppender<>();
        own.setContext(LOGBACK);
        own.start();
        alone.addAppender(own);
        alone.setAdditive(false);
        alone.setLevel(Level.INFO);
        try {
            try (CapturedLogs logs = CapturedLogs.start(secret)) {
                alone.trace("trace {}", secret);
                alone.info("info {}", secret);
                assertThat(logs.lines()).containsExactly("trace " + secret, "info " + secret);
            }
            assertThat(printed(own, secret)).containsExactly("info " + secret);
            assertThat(appendersOf(alone)).containsExactly(own);
            assertThat(printed(console, secret)).isEmpty();
        } finally {
            alone.detachAppender(own);
            alone.setAdditive(true);
            alone.setLevel(null);
        }
    }

    @Test
    void overlappingCapturesEachSeeTheirEventsUntilTheLastCloses() {
        String other = "other-" + UUID.randomUUID();
        java.util.logging.Level julBefore = JUL_ROOT.getLevel();
        List<Appender<ILoggingEvent>> appendersBefore = appendersOf(root);
        CapturedLogs first = CapturedLogs.start(secret);
        CapturedLogs second = CapturedLogs.start(other);
        first.close();
        LoggerFactory.getLogger("kit.test.overlap").trace("SLF4J {}", other);
        System.getLogger("kit.test.overlap").log(System.Logger.Level.TRACE, "System.Logger " + other);
        second.close();
        assertThat(second.lines()).containsExactly("SLF4J " + other, "System.Logger " + other);
        assertThat(first.lines()).isEmpty();
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(JUL_ROOT.getLevel()).isEqualTo(julBefore);
        assertThat(appendersOf(root)).isEqualTo(appendersBefore);
        assertThat(console.getCopyOfAttachedFiltersList()).isEmpty();
    }

    @Test
    void capturesRunningInParallelEachSeeTheirOwnEventsAndRestoreTheLevels() {
        int threads = 8;
        java.util.logging.Level julBefore = JUL_ROOT.getLevel();
        List<Appender<ILoggingEvent>> appendersBefore = appendersOf(root);
        CyclicBarrier allOpen = new CyclicBarrier(threads);
        List<List<String>> seen = AtOnce.run(threads, () -> {
            String mine = secret + "-" + UUID.randomUUID();
            try (CapturedLogs logs = CapturedLogs.start(mine)) {
                allOpen.await(30, TimeUnit.SECONDS);
                LoggerFactory.getLogger("kit.test.parallel").trace("SLF4J {}", mine);
                System.getLogger("kit.test.parallel").log(System.Logger.Level.TRACE, "System.Logger " + mine);
                return List.of(mine, String.join("\n", logs.lines()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (List<String> capture : seen) {
            String mine = capture.get(0);
            assertThat(capture.get(1)).isEqualTo("SLF4J " + mine + "\nSystem.Logger " + mine);
        }
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(JUL_ROOT.getLevel()).isEqualTo(julBefore);
        assertThat(appendersOf(root)).isEqualTo(appendersBefore);
        assertThat(console.getCopyOfAttachedFiltersList()).isEmpty();
        assertThat(printed(console, secret)).isEmpty();
    }
}
