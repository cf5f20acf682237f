package io.connectionkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(50);

    @TempDir
    Path root;

    private Path secretsFile;
    private final List<SecretsWatcher> watchers = new ArrayList<>();

    @BeforeEach
    void directory() throws IOException {
        secretsFile = Files.createDirectories(root.resolve(".streamlit")).resolve("secrets.toml");
    }

    @AfterEach
    void closeWatchers() {
        watchers.forEach(SecretsWatcher::close);
    }

    private SecretsWatcher watch(Runnable onChange, Duration quiet, Consumer<Path> onIgnored) {
        SecretsWatcher watcher = new SecretsWatcher(List.of(secretsFile), onChange, quiet, onIgnored);
        watchers.add(watcher);
        return watcher;
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).as("onChange ran within 10 s").isTrue();
    }

    @Test
    void changingTheFileRunsOnChangeOnTheWatcherThread() throws Exception {
        Files.writeString(secretsFile, "a = 1\n");
        CountDownLatch changed = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        watch(() -> {
            ranOn.set(Thread.currentThread());
            changed.countDown();
        }, QUIET, path -> { });

        Files.writeString(secretsFile, "a = 2\n");

        await(changed);
        assertThat(ranOn.get().getName()).isEqualTo("connectionkit-secrets-watcher");
        assertThat(ranOn.get().isDaemon()).isTrue();
    }

    @Test
    void creatingTheFileInAWatchedDirectoryRunsOnChange() throws Exception {
        CountDownLatch changed = new CountDownLatch(1);
        watch(changed::countDown, QUIET, path -> { });

        Files.writeString(secretsFile, "a = 1\n");

        await(changed);
    }

    @Test
    void otherFilesInTheDirectoryDoNotRunOnChange() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch otherSeen = new CountDownLatch(1);
        Path other = secretsFile.resolveSibling("config.toml");
        watch(() -> {
            calls.incrementAndGet();
            changed.countDown();
        }, QUIET, path -> {
            if (path.equals(other)) {
                otherSeen.countDown();
            }
        });

        Files.writeString(other, "theme = 'dark'\n");
        assertThat(otherSeen.await(10, TimeUnit.SECONDS)).as("the event of the other file was seen").isTrue();
        assertThat(calls).hasValue(0);

        Files.writeString(secretsFile, "a = 1\n");
        await(changed);
        assertThat(calls).hasValue(1);
    }

    @Test
    void swappingTheLinksOfAKubernetesSecretRunsOnChange() throws Exception {
        // Kubernetes: secrets.toml -> ..data/secrets.toml, ..data -> ..v1; an update writes ..v2,
        // points a new link at it and renames that link over ..data.
        Path directory = secretsFile.getParent();
        Files.writeString(Files.createDirectory(directory.resolve("..v1")).resolve("secrets.toml"), "a = 1\n");
        Files.createSymbolicLink(directory.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(secretsFile, Path.of("..data", "secrets.toml"));
        CountDownLatch changed = new CountDownLatch(1);
        watch(changed::countDown, QUIET, path -> { });

        Files.writeString(Files.createDirectory(directory.resolve("..v2")).resolve("secrets.toml"), "a = 2\n");
        Path newLink = Files.createSymbolicLink(directory.resolve("..data_tmp"), Path.of("..v2"));
        Files.move(newLink, directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        await(changed);
        assertThat(Files.readString(secretsFile)).isEqualTo("a = 2\n");
    }

    @Test
    void editingTheFileALinkPointsToRunsOnChange() throws Exception {
        Path target = Files.writeString(Files.createDirectory(root.resolve("mounted")).resolve("app-secrets.toml"), "a = 1\n");
        Files.createSymbolicLink(secretsFile, target);
        CountDownLatch changed = new CountDownLatch(1);
        watch(changed::countDown, QUIET, path -> { });

        Files.writeString(target, "a = 2\n");

        await(changed);
    }

    @Test
    void burstOfWritesRunsOnChangeOnce() throws Exception {
        Files.writeString(secretsFile, "a = 0\n");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        watch(() -> {
            calls.incrementAndGet();
            first.countDown();
            second.countDown();
        }, Duration.ofMillis(500), path -> { });

        for (int i = 1; i <= 5; i++) {
            Files.writeString(secretsFile, "a = " + i + "\n");
        }
        await(first);
        // The burst's events all came before the first call; a later write is a second burst.
        Files.writeString(secretsFile, "a = 6\n");
        await(second);

        assertThat(calls).hasValue(2);
    }

    @Test
    void failingOnChangeIsLoggedAndWatchingGoesOn() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SecretsWatcher.class);
        logger.setAdditive(false); // the expected error goes to the test, not to the console
        logger.addAppender(log);
        log.start();
        try {
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch failed = new CountDownLatch(1);
            CountDownLatch succeeded = new CountDownLatch(1);
            watch(() -> {
                if (calls.incrementAndGet() == 1) {
                    failed.countDown();
                    throw new IllegalStateException("reload broke");
                }
                succeeded.countDown();
            }, QUIET, path -> { });

            Files.writeString(secretsFile, "a = 1\n");
            await(failed);
            Files.writeString(secretsFile, "a = 2\n");
            await(succeeded);

            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage())
                        .isEqualTo("Reacting to a change of the secrets files failed; still watching them");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("reload broke");
            });
        } finally {
            logger.detachAppender(log);
            logger.setAdditive(true);
        }
    }

    @Test
    void closeStopsTheThreadAndCanBeRepeated() {
        SecretsWatcher watcher = watch(() -> { }, QUIET, path -> { });
        assertThat(watcher.isRunning()).isTrue();

        watcher.close();
        watcher.close();

        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void closingFromOnChangeStopsTheWatcher() throws Exception {
        AtomicReference<SecretsWatcher> self = new AtomicReference<>();
        AtomicReference<Thread> watcherThread = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        SecretsWatcher watcher = watch(() -> {
            self.get().close();
            watcherThread.set(Thread.currentThread());
            closed.countDown();
        }, QUIET, path -> { });
        self.set(watcher);

        Files.writeString(secretsFile, "a = 1\n");
        await(closed);
        watcherThread.get().join(TimeUnit.SECONDS.toMillis(10));

        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void directoriesCreatedLaterAreWatchedOnceTheyAppear() throws Exception {
        Path later = root.resolve("app/config/.streamlit/secrets.toml");
        CountDownLatch appeared = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(2);
        SecretsWatcher watcher = new SecretsWatcher(List.of(later), () -> {
            appeared.countDown();
            changed.countDown();
        }, QUIET, path -> { });
        watchers.add(watcher);
        assertThat(watcher.isRunning()).as("watching the nearest directory that exists").isTrue();

        Files.createDirectories(later.getParent()); // three directories at once
        Files.writeString(later, "a = 1\n");
        await(appeared);
        Files.writeString(later, "a = 2\n"); // now seen in the new directory itself

        await(changed);
    }

    @Test
    void aDirectoryRemovedAndCreatedAgainIsWatchedAgain() throws Exception {
        Files.writeString(secretsFile, "a = 1\n");
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(1);
        // The removal may be reported more than once (the file, then its directory): wait for the
        // report that finds the file written again, which only a watch of the new directory gives.
        watch(() -> {
            if (!Files.exists(secretsFile)) {
                removed.countDown();
            } else if (removed.getCount() == 0 && readOrEmpty(secretsFile).equals("a = 2\n")) {
                back.countDown();
            }
        }, QUIET, path -> { });

        Files.delete(secretsFile);
        Files.delete(secretsFile.getParent());
        await(removed);
        Files.createDirectories(secretsFile.getParent());
        Files.writeString(secretsFile, "a = 2\n");

        await(back); // fails unless a report found the file written again
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    @Test
    void nothingIsWatchedWhenNoDirectoryExistsAboveTheFiles() {
        SecretsWatcher watcher = new SecretsWatcher(List.of(), () -> { });
        watchers.add(watcher);

        assertThat(watcher.isRunning()).isFalse();
    }
}
