package io.connectionkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.QueryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a registry follows changes of its secrets file: reload on demand, and the real watcher. */
class SecretsReloadTest {

    @TempDir
    Path home;
    @TempDir
    Path work;

    private Path secretsFile;
    private ConnectionRegistry registry;
    private String a;
    private String b;

    @BeforeEach
    void names(TestInfo info) {
        a = info.getTestMethod().orElseThrow().getName() + "-a";
        b = info.getTestMethod().orElseThrow().getName() + "-b";
        secretsFile = work.resolve(".streamlit/secrets.toml");
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private void writeSecrets(String databaseOfA, String databaseOfB) throws IOException {
        Files.createDirectories(secretsFile.getParent());
        Files.writeString(secretsFile, "[connections." + a + "]\ntype = \"inmemory\"\ndatabase = \"" + databaseOfA + "\"\n\n"
                + "[connections." + b + "]\ntype = \"inmemory\"\ndatabase = \"" + databaseOfB + "\"\n");
    }

    private RegistryBuilder builder() {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(home).workingDirectory(work).classLoader(InMemoryProvider.classLoader());
        return builder.environment(Map.of()).systemProperties(Map.of());
    }

    /** What the registry logged while {@code action} ran. */
    private static List<ILoggingEvent> registryLogDuring(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionRegistry.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.setAdditive(false); // what is expected goes to the test, not to the console
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
        return appender.list;
    }

    @Test
    void resetsOnlyTheConnectionsWhoseSectionChanged() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);
        InMemoryConnection second = registry.get(b, InMemoryConnection.class);
        first.query("select 1");

        writeSecrets("pets2", "vets");
        assertThat(registry.reloadSecrets()).isTrue();

        assertThat(registry.get(a)).as("the cached object stays").isSameAs(first);
        assertThat(first.config().string("database")).hasValue("pets2");
        assertThat(first.instance().database).isEqualTo("pets2");
        assertThat(InMemoryConnection.counters(a).connects).hasValue(2);
        assertThat(InMemoryConnection.counters(a).closes).hasValue(1);
        assertThat(second.instance().database).isEqualTo("vets");
        assertThat(InMemoryConnection.counters(b).connects).hasValue(1);
        assertThat(InMemoryConnection.counters(b).closes).hasValue(0);
        assertThat(first.query("select 1").get(0, "database")).as("no result of the old database").isEqualTo("pets2");
    }

    @Test
    void aReloadWhileTheConnectionIsBeingCreatedReachesIt() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().build();
        // "Created ..." is logged after the creation last reads the secrets and before waiting
        // threads can see the connection: a reload there finds no connection to reset.
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionRegistry.class);
        AppenderBase<ILoggingEvent> reloadOnCreated = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("Created ")) {
                    try {
                        writeSecrets("pets2", "vets");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    registry.reloadSecrets();
                }
            }
        };
        reloadOnCreated.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(reloadOnCreated);
        InMemoryConnection created;
        try {
            created = registry.get(a, InMemoryConnection.class);
        } finally {
            logger.detachAppender(reloadOnCreated);
            logger.setAdditive(true);
            logger.setLevel(level);
        }

        assertThat(registry.secrets().get("connections." + a + ".database")).as("the reload ran").hasValue("pets2");
        assertThat(created.config().string("database")).hasValue("pets2");
        assertThat(created.instance().database).isEqualTo("pets2");
        assertThat(registry.get(a)).isSameAs(created);
    }

    @Test
    void connectsThatAskForOtherConnectionsDuringAReloadDoNotDeadlock() throws Exception {
        writeSecrets("pets", "vets");
        registry = builder().build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);
        InMemoryConnection second = registry.get(b, InMemoryConnection.class);
        writeSecrets("pets2", "vets2");
        CountDownLatch inConnect = new CountDownLatch(2);
        AtomicReference<Thread> reloader = new AtomicReference<>();
        Map<String, InMemoryConnection> seenFromConnect = new java.util.concurrent.ConcurrentHashMap<>();
        // Each connect, holding its connection's lock, waits until the reload waits for one of the
        // two resets, then asks for the other connection, as a connector wrapping another would.
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            InMemoryConnection.ON_CONNECT.put(pair[0], () -> {
                inConnect.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!waits(reloader.get()) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                seenFromConnect.put(pair[0], registry.get(pair[1], InMemoryConnection.class));
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            first.reset();
            second.reset();
            Future<String> connectingA = threads.submit(() -> first.instance().database);
            Future<String> connectingB = threads.submit(() -> second.instance().database);
            assertThat(inConnect.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> reload = threads.submit(() -> {
                reloader.set(Thread.currentThread());
                return registry.reloadSecrets();
            });

            assertThat(reload.get(10, TimeUnit.SECONDS)).as("the reload ends").isTrue();
            assertThat(connectingA.get(10, TimeUnit.SECONDS)).as("a's connect ends").isIn("pets", "pets2");
            assertThat(connectingB.get(10, TimeUnit.SECONDS)).as("b's connect ends").isIn("vets", "vets2");
        } finally {
            InMemoryConnection.ON_CONNECT.remove(a);
            InMemoryConnection.ON_CONNECT.remove(b);
            threads.shutdownNow();
        }
        assertThat(seenFromConnect).containsOnlyKeys(a, b);
        assertThat(first.instance().database).isEqualTo("pets2");
        assertThat(second.instance().database).isEqualTo("vets2");
    }

    private static boolean waits(Thread thread) {
        Thread.State state = thread == null ? Thread.State.NEW : thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Test
    void afterARotationTheConnectionMasksTheSecretsItsOldClientWasGivenToo() throws IOException {
        Files.createDirectories(secretsFile.getParent());
        Files.writeString(secretsFile, "[connections." + a + "]\ntype = \"inmemory\"\npassword = \"old-pw-canary\"\n");
        registry = builder().build();
        InMemoryConnection connection = registry.get(a, InMemoryConnection.class);

        Files.writeString(secretsFile, "[connections." + a + "]\ntype = \"inmemory\"\npassword = \"new-pw-canary\"\n");
        assertThat(registry.reloadSecrets()).isTrue();

        assertThat(connection.config().mask("old client: login with old-pw-canary; new: new-pw-canary"))
                .isEqualTo("old client: login with ****; new: ****");
        Files.writeString(secretsFile, "[connections." + a + "]\ntype = \"inmemory\"\npassword = \"third-pw-canary\"\n");
        assertThat(registry.reloadSecrets()).isTrue();
        assertThat(connection.config().mask("old-pw-canary"))
                .as("only the configuration just replaced is carried over, not every one before it")
                .isEqualTo("old-pw-canary");
    }

    @Test
    void unchangedContentResetsNothing() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);

        Files.writeString(secretsFile, "# a comment moves every line\n" + Files.readString(secretsFile));
        registry.reloadSecrets();

        assertThat(InMemoryConnection.counters(a).closes).hasValue(0);
        assertThat(first.config().sourceOf("database").orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void aSectionInUseThatIsNoLongerATableKeepsThePreviousSecretsAndLaterEditsStillReset() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);
        InMemoryConnection second = registry.get(b, InMemoryConnection.class);
        Files.writeString(secretsFile, "[connections]\n\"" + a + "\" = \"oops\"\n\n"
                + "[connections." + b + "]\ntype = \"inmemory\"\ndatabase = \"vets2\"\n");

        List<ILoggingEvent> logged = registryLogDuring(() -> assertThat(registry.reloadSecrets()).isFalse());

        assertThat(logged).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("Keeping the previous secrets: connections." + a + ": expected a table but found a value"));
        assertThat(second.config().string("database")).hasValue("vets");
        assertThat(second.instance().database).isEqualTo("vets");

        writeSecrets("pets", "vets2"); // the user fixes the file
        assertThat(registry.reloadSecrets()).isTrue();

        assertThat(second.instance().database).isEqualTo("vets2");
        assertThat(first.instance().database).isEqualTo("pets");
    }

    @Test
    void invalidFileKeepsThePreviousSecretsAndLogsTheError() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);
        Files.writeString(secretsFile, "[connections." + a + "]\ndatabase = \"unterminated\n");

        List<ILoggingEvent> logged = registryLogDuring(() -> assertThat(registry.reloadSecrets()).isFalse());

        assertThat(registry.secrets().get("connections." + a + ".database")).hasValue("pets");
        assertThat(first.instance().database).isEqualTo("pets");
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("Keeping the previous secrets").contains(".streamlit/secrets.toml");
        });
    }

    @Test
    void watcherResetsAConnectionWhenItsFileChanges() throws IOException {
        writeSecrets("pets", "vets");
        registry = builder().watchSecrets(true).build();
        InMemoryConnection first = registry.get(a, InMemoryConnection.class);

        writeSecrets("pets3", "vets");

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(first.config().string("database")).hasValue("pets3"));
        assertThat(first.instance().database).isEqualTo("pets3");
        assertThat(first.query("select 1", QueryOptions.noCache()).get(0, "database")).isEqualTo("pets3");
        BaseConnection<?> same = registry.get(a);
        assertThat(same).isSameAs(first);
    }
}
