package io.connectionkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.core.ProviderInfo.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Discovery against real connector jars, good and broken, loaded by real class loaders. */
class ProviderCatalogTest {

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(ProviderCatalog.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level levelBefore;
    private Path good;

    @BeforeEach
    void setUp() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // the expected warnings go to the test, not to the console
        log.start();
        logger.addAppender(log);
        good = TestJars.jar(dir, "memo.jar", TestConnectors.connector("acme.memo.MemoProvider", "memo",
                "@Override public Set<String> aliases() { return Set.of(\"memory\"); }"),
                List.of("acme.memo.MemoProvider"), "1.4.2");
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(log);
        logger.setAdditive(true);
        logger.setLevel(levelBefore);
    }

    @Test
    void brokenConnectorsAreReportedWithJarVersionAndHintWhileTheGoodOneWorks() throws Exception {
        try (URLClassLoader loader = TestJars.loader(withGood(TestConnectors.brokenJars(dir)))) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            assertThat(catalog.infos())
                    .extracting(ProviderInfo::className, ProviderInfo::status, info -> fileName(info.jar()),
                            ProviderInfo::version, ProviderInfo::failure)
                    .containsExactly(
                            tuple("acme.memo.MemoProvider", Status.ACTIVE, "memo.jar", "1.4.2", null),
                            tuple("acme.throwing.ThrowingProvider", Status.FAILED, "throwing.jar", "0.9",
                                    "its constructor threw IllegalStateException: no licence key"),
                            tuple("acme.noctor.NoCtorProvider", Status.FAILED, "no-constructor.jar", null,
                                    "needs a public no-argument constructor"),
                            tuple("acme.gone.GoneProvider", Status.FAILED, "missing-class.jar", "2.0",
                                    "class not found"),
                            tuple("acme.needs.NeedsProvider", Status.FAILED, "needs-helper.jar", null,
                                    "a class it needs is missing: acme.needs.Helper (add the jar that contains it)"),
                            tuple("acme.child.ChildProvider", Status.FAILED, "missing-parent.jar", null, "a class it "
                                    + "needs is missing: acme.child.ParentProvider (add the jar that contains it)"),
                            tuple("acme.plain.Plain", Status.FAILED, "not-a-provider.jar", null,
                                    "does not implement io.connectionkit.api.ConnectionProvider"));
            assertThat(catalog.infos().get(0)).extracting(ProviderInfo::type, ProviderInfo::aliases)
                    .containsExactly("memo", Set.of("memory"));
            assertThat(catalog.infos().subList(1, 7)).allSatisfy(info -> assertThat(info.type()).isNull());

            assertThat(catalog.find("memo")).get().extracting(ProviderCatalogTest::className)
                    .isEqualTo("acme.memo.MemoProvider");
            assertThat(catalog.find("memory")).containsSame(catalog.find("memo").orElseThrow());
            assertThat(catalog.names()).containsExactly("memo", "memory");
            assertThat(catalog.forConnectionClass(connectionClass(loader, "acme.memo.MemoConnection")))
                    .containsSame(catalog.find("memo").orElseThrow());
        }
    }

    @Test
    void eachFailureIsLoggedOnceAtWarnAndEachConnectorAtInfo() throws Exception {
        List<Path> broken = TestConnectors.brokenJars(dir);
        try (URLClassLoader loader = TestJars.loader(withGood(broken))) {
            ProviderCatalog.load(List.of(loader));
        }

        assertThat(messages(Level.WARN)).containsExactly(
                "Connector acme.throwing.ThrowingProvider from " + broken.get(0) + " 0.9 could not be loaded: "
                        + "its constructor threw IllegalStateException: no licence key",
                "Connector acme.noctor.NoCtorProvider from " + broken.get(1) + " could not be loaded: "
                        + "needs a public no-argument constructor",
                "Connector acme.gone.GoneProvider from " + broken.get(2) + " 2.0 could not be loaded: class not found",
                "Connector acme.needs.NeedsProvider from " + broken.get(3) + " could not be loaded: "
                        + "a class it needs is missing: acme.needs.Helper (add the jar that contains it)",
                "Connector acme.child.ChildProvider from " + broken.get(4) + " could not be loaded: "
                        + "a class it needs is missing: acme.child.ParentProvider (add the jar that contains it)",
                "Connector acme.plain.Plain from " + broken.get(5) + " could not be loaded: "
                        + "does not implement io.connectionkit.api.ConnectionProvider");
        assertThat(messages(Level.INFO)).containsExactly(
                "Registered connector type 'memo' (aliases [memory]) from " + good + " 1.4.2");
    }

    @Test
    void twoProvidersClaimingOneTypeAreBothInConflictAndTheirOtherNamesStillResolve() throws Exception {
        Path copy = TestJars.jar(dir, "memo-copy.jar", TestConnectors.connector("acme.copy.CopyProvider", "memo",
                "@Override public Set<String> aliases() { return Set.of(\"copy\"); }"),
                List.of("acme.copy.CopyProvider"), null);
        try (URLClassLoader loader = TestJars.loader(good, copy)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            String conflict = "Connector name 'memo' is claimed by 2 providers: acme.memo.MemoProvider from " + good
                    + " and acme.copy.CopyProvider from " + copy + ". Remove one of these jars from the class path.";
            assertThatThrownBy(() -> catalog.find("memo"))
                    .isExactlyInstanceOf(ConnectionException.class)
                    .hasMessage(conflict);
            assertThat(catalog.infos()).extracting(ProviderInfo::className, ProviderInfo::status, ProviderInfo::failure)
                    .containsExactly(tuple("acme.memo.MemoProvider", Status.CONFLICT, conflict),
                            tuple("acme.copy.CopyProvider", Status.CONFLICT, conflict));
            assertThat(catalog.find("memory")).get().extracting(ProviderCatalogTest::className)
                    .isEqualTo("acme.memo.MemoProvider");
            assertThat(catalog.find("copy")).get().extracting(ProviderCatalogTest::className)
                    .isEqualTo("acme.copy.CopyProvider");
            assertThat(catalog.names()).containsExactly("copy", "memo", "memory");
            assertThat(catalog.forConnectionClass(connectionClass(loader, "acme.copy.CopyConnection")))
                    .containsSame(catalog.find("copy").orElseThrow());
            assertThat(messages(Level.WARN)).containsExactly(conflict);
            assertThat(messages(Level.INFO)).isEmpty();
        }
    }

    @Test
    void aProviderSeenThroughTwoClassLoadersCountsOnce() throws Exception {
        Path throwing = TestConnectors.brokenJars(dir).get(0);
        try (URLClassLoader parent = TestJars.loader(good, throwing);
             URLClassLoader child = new URLClassLoader(new URL[0], parent)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(parent, child, parent));

            assertThat(catalog.infos()).extracting(ProviderInfo::className, ProviderInfo::status)
                    .containsExactly(tuple("acme.memo.MemoProvider", Status.ACTIVE),
                            tuple("acme.throwing.ThrowingProvider", Status.FAILED));
            assertThat(catalog.find("memo")).isPresent();
            assertThat(messages(Level.WARN)).hasSize(1);
            assertThat(messages(Level.INFO)).hasSize(1);
        }
    }

    @Test
    void namesMatchCaseSensitivelyAndAnUnknownNameIsEmpty() throws Exception {
        try (URLClassLoader loader = TestJars.loader(good)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            assertThat(catalog.find("memo")).isPresent();
            assertThat(catalog.find("MEMO")).isEmpty();
            assertThat(catalog.find("sql")).isEmpty();
        }
    }

    @Test
    void invalidNamesAndFailingMethodsMakeAProviderFail() throws Exception {
        Path odd = TestJars.builder()
                .sources(TestConnectors.connector("acme.odd.DottedProvider", "acme.sql", ""))
                .sources(TestConnectors.connector("acme.odd.BlankAliasProvider", "odd",
                        "@Override public Set<String> aliases() { return Set.of(\" \"); }"))
                .sources(TestConnectors.connector("acme.odd.ThrowingTypeProvider", null,
                        "@Override public String type() { throw new UnsupportedOperationException(\"not configured\"); }"))
                .providers("acme.odd.DottedProvider", "acme.odd.BlankAliasProvider", "acme.odd.ThrowingTypeProvider")
                .write(dir.resolve("odd.jar"));
        try (URLClassLoader loader = TestJars.loader(odd)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            assertThat(catalog.infos()).extracting(ProviderInfo::status, ProviderInfo::failure).containsExactly(
                    tuple(Status.FAILED, "its type() returned 'acme.sql', which is not a valid name: use letters, "
                            + "digits, '_' and '-' (a name with a '.' is read as a class name)"),
                    tuple(Status.FAILED, "its aliases() include a blank name"),
                    tuple(Status.FAILED, "its type() threw UnsupportedOperationException: not configured"));
            assertThat(catalog.names()).isEmpty();
            assertThat(messages(Level.WARN)).hasSize(3);
        }
    }

    @Test
    void aMalformedServicesFileIsReportedWithItsJar() throws Exception {
        Path malformed = TestJars.builder().providers("not a class name").write(dir.resolve("malformed.jar"));
        try (URLClassLoader loader = TestJars.loader(malformed, good)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            assertThat(catalog.infos())
                    .extracting(ProviderInfo::className, ProviderInfo::status, info -> fileName(info.jar()))
                    .containsExactly(tuple(null, Status.FAILED, "malformed.jar"),
                            tuple("acme.memo.MemoProvider", Status.ACTIVE, "memo.jar"));
            assertThat(catalog.infos().get(0).failure()).isEqualTo("line 1 of its " + TestJars.SERVICES_FILE
                    + " is not valid: Illegal configuration-file syntax"
                    + " (write one class name a line; # starts a comment)");
        }
    }

    @Test
    void aProviderClassListedByTwoJarsIsLoadedOnceWithAWarning() throws Exception {
        Path again = TestJars.jar(dir.resolve("lib"), "memo.jar",
                TestConnectors.connector("acme.memo.MemoProvider", "memo", ""), List.of("acme.memo.MemoProvider"), "1.5.0");
        try (URLClassLoader loader = TestJars.loader(good, again)) {
            ProviderCatalog catalog = ProviderCatalog.load(List.of(loader));

            assertThat(catalog.infos()).extracting(ProviderInfo::status, ProviderInfo::jar, ProviderInfo::version)
                    .containsExactly(tuple(Status.ACTIVE, good.toString(), "1.4.2"));
            assertThat(messages(Level.WARN)).containsExactly("Connector class acme.memo.MemoProvider is listed by 2 jars: "
                    + good + ", " + again + ". Its classes load from the first; remove all but one of "
                    + "these jars from the class path.");
        }
    }

    private List<Path> withGood(List<Path> jars) {
        List<Path> all = new ArrayList<>(List.of(good));
        all.addAll(jars);
        return all;
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String fileName(String jar) {
        return Path.of(jar).getFileName().toString();
    }

    private static String className(Object provider) {
        return provider.getClass().getName();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends BaseConnection<?>> connectionClass(ClassLoader loader, String name)
            throws ClassNotFoundException {
        return (Class<? extends BaseConnection<?>>) loader.loadClass(name);
    }
}
