package io.connectionkit.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches the secrets files and calls {@code onChange} (on its own daemon thread) after one of
 * them is created, modified or deleted. Closing it stops the thread.
 *
 * <p>It watches the directories of the secrets files, so a file created later in one of them
 * counts. A directory that does not exist yet is waited for: its nearest existing ancestor is
 * watched until the missing directories appear, then they are; so is one that goes away and comes
 * back. A secrets file may be a symbolic
 * link: then any change in its directory counts (Kubernetes mounts a secret as links into a
 * {@code ..data} link it swaps on each update), and the directory of the file it links to when
 * the watcher starts is watched too, for edits in place. Events come in bursts (an
 * editor writes a temporary file, renames it, touches it), so {@code onChange} runs once after
 * the files have been quiet for a short period. An exception from {@code onChange} is logged
 * and watching goes on. Failing to watch (no watch service, too many watches) is logged and
 * leaves the secrets unwatched rather than failing the registry.
 */
final class SecretsWatcher implements AutoCloseable {

    static final String THREAD_NAME = "connectionkit-secrets-watcher";
    static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(SecretsWatcher.class);
    private static final long JOIN_MILLIS = 5_000;

    private final WatchService service;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();

    SecretsWatcher(List<Path> files, Runnable onChange) {
        this(files, onChange, DEFAULT_QUIET_PERIOD, ignored -> { });
    }

    /**
     * @param quietPeriod how long no event must come before {@code onChange} runs
     * @param onIgnored   called on the watcher thread with each path that changed in a watched
     *                    directory but is not a secrets file (lets tests see an event was seen)
     */
    SecretsWatcher(List<Path> files, Runnable onChange, Duration quietPeriod, Consumer<Path> onIgnored) {
        Objects.requireNonNull(onChange, "onChange");
        Objects.requireNonNull(onIgnored, "onIgnored");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive: " + quietPeriod);
        }
        Map<Path, Set<Path>> namesByDirectory = namesByDirectory(files);
        WatchService watchService = null;
        Directories directories = null;
        try {
            watchService = FileSystems.getDefault().newWatchService();
            directories = new Directories(watchService, namesByDirectory);
            for (Path directory : namesByDirectory.keySet()) {
                directories.watchTowards(directory);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot watch the secrets files {}; changes will need a reload: {}", files, e.toString());
            directories = null;
        }
        if (directories == null || directories.isEmpty()) {
            LOG.debug("No directory of {} or above them exists; not watching", files);
            closeQuietly(watchService);
            this.service = null;
            this.thread = null;
            return;
        }
        this.service = watchService;
        Loop loop = new Loop(watchService, directories, onChange, quietPeriod.toNanos(), onIgnored);
        this.thread = new Thread(loop, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        LOG.debug("Watching {} for changes of the secrets files", directories);
    }

    private static Map<Path, Set<Path>> namesByDirectory(List<Path> files) {
        Map<Path, Set<Path>> names = new LinkedHashMap<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            add(names, absolute);
            if (Files.isSymbolicLink(absolute)) {
                try {
                    add(names, absolute.toRealPath()); // where an edit in place happens
                } catch (IOException dangling) {
                    LOG.debug("Secrets file {} links to nothing yet", absolute);
                }
            }
        }
        return names;
    }

    private static void add(Map<Path, Set<Path>> names, Path file) {
        if (file.getParent() != null && file.getFileName() != null) {
            names.computeIfAbsent(file.getParent(), directory -> new HashSet<>()).add(file.getFileName());
        }
    }

    /** Whether the watcher thread is running; false when there was nothing to watch or once closed. */
    boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || service == null) {
            return;
        }
        // Wakes the thread out of take() or poll() with ClosedWatchServiceException.
        closeQuietly(service);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(WatchService service) {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("Closing the secrets watch service failed", e);
        }
    }

    /**
     * The directories watched: those of the secrets files, and, for one that does not exist yet,
     * its nearest existing ancestor, with the name of the next directory on the way. Used by the
     * constructor, then by the watcher thread alone.
     */
    private static final class Directories {
        private final WatchService service;
        private final Map<Path, Set<Path>> names; // secrets file names by the directory they are in
        private final Map<WatchKey, Path> byKey = new HashMap<>();
        private final Map<Path, Set<Path>> awaited = new HashMap<>(); // names of missing directories by the directory they will be in

        Directories(WatchService service, Map<Path, Set<Path>> names) {
            this.service = service;
            this.names = names;
        }

        boolean isEmpty() {
            return byKey.isEmpty();
        }

        Path directoryOf(WatchKey key) {
            return byKey.get(key);
        }

        /** Whether {@code name} in {@code directory} is a secrets file. */
        boolean isSecretsFile(Path directory, Path name) {
            return names.getOrDefault(directory, Set.of()).contains(name);
        }

        /** Whether a secrets file in {@code directory} is a symbolic link, whose target may change with any entry there. */
        boolean holdsLink(Path directory) {
            for (Path name : names.getOrDefault(directory, Set.of())) {
                if (Files.isSymbolicLink(directory.resolve(name))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code name}, created in {@code directory}, is a directory on the way to a secrets file. */
        boolean isAwaited(Path directory, Path name) {
            return awaited.getOrDefault(directory, Set.of()).contains(name);
        }

        /**
         * Watches {@code target}, a directory of secrets files, or, while it does not exist, its
         * nearest existing ancestor, awaiting the next directory down.
         *
         * @return whether a secrets file already exists in a directory this began to watch
         */
        boolean watchTowards(Path target) throws IOException {
            while (true) {
                Path existing = target;
                while (existing != null && !Files.isDirectory(existing)) {
                    existing = existing.getParent();
                }
                if (existing == null) {
                    return false;
                }
                register(existing);
                if (existing.equals(target)) {
                    for (Path name : names.getOrDefault(target, Set.of())) {
                        if (Files.exists(target.resolve(name))) {
                            return true;
                        }
                    }
                    return false;
                }
                Path next = target.getName(existing.getNameCount());
                awaited.computeIfAbsent(existing, directory -> new HashSet<>()).add(next);
                if (!Files.isDirectory(existing.resolve(next))) {
                    return false; // its creation, from now on, is an event
                }
                // created before the registration, so no event will tell: go on down
            }
        }

        /** After {@code name} was created in {@code directory}: watches the secrets directories it leads to. */
        boolean created(Path directory, Path name) throws IOException {
            Path created = directory.resolve(name);
            boolean found = false;
            for (Path target : names.keySet()) {
                if (target.startsWith(created)) {
                    found |= watchTowards(target);
                }
            }
            return found;
        }

        /**
         * After {@code directory} went away (its key is no longer valid): watches towards the
         * secrets directories it held, from the nearest ancestor that exists.
         *
         * @return whether a secrets file is already back
         */
        boolean lost(WatchKey key, Path directory) throws IOException {
            byKey.remove(key);
            boolean found = false;
            for (Path target : names.keySet()) {
                if (target.startsWith(directory)) {
                    found |= watchTowards(target);
                }
            }
            return found;
        }

        private void register(Path directory) throws IOException {
            if (!byKey.containsValue(directory)) {
                byKey.put(directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), directory);
            }
        }

        @Override
        public String toString() {
            return byKey.values().toString();
        }
    }

    /** The watcher thread: waits for an event of a secrets file, then for quiet, then reacts. */
    private record Loop(WatchService service, Directories directories, Runnable onChange, long quietNanos,
                        Consumer<Path> onIgnored) implements Runnable {

        @Override
        public void run() {
            try {
                while (true) {
                    if (!drain(service.take())) {
                        continue;
                    }
                    // Debounce: the burst ends when no event comes for the quiet period.
                    for (WatchKey next = service.poll(quietNanos, TimeUnit.NANOSECONDS); next != null;
                         next = service.poll(quietNanos, TimeUnit.NANOSECONDS)) {
                        drain(next);
                    }
                    react();
                }
            } catch (ClosedWatchServiceException e) {
                LOG.debug("Stopped watching the secrets files");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Takes the events of {@code key}; true if one concerns a secrets file. */
        private boolean drain(WatchKey key) {
            Path directory = directories.directoryOf(key);
            boolean relevant = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    relevant = true; // events were lost: one of them may have been ours
                    continue;
                }
                if (!(event.context() instanceof Path name)) {
                    continue;
                }
                boolean awaited = event.kind() == StandardWatchEventKinds.ENTRY_CREATE && directories.isAwaited(directory, name);
                if (awaited && watchCreated(directory, name)) {
                    relevant = true; // the secrets file came with the directory
                }
                if (directories.isSecretsFile(directory, name) || directories.holdsLink(directory)) {
                    LOG.debug("{} {} (a secrets file, or beside one that is a link)", directory.resolve(name),
                            event.kind().name());
                    relevant = true;
                } else if (!awaited) {
                    onIgnored.accept(directory.resolve(name));
                }
            }
            if (!key.reset()) {
                LOG.debug("{} is gone; waiting for it to come back", directory);
                relevant |= watchAgain(key, directory);
            }
            return relevant;
        }

        /** After a watched directory went away: waits, from an ancestor, for it to be created again. */
        private boolean watchAgain(WatchKey key, Path directory) {
            try {
                return directories.lost(key, directory);
            } catch (IOException e) {
                LOG.warn("Cannot watch {} again: {}", directory, e.toString());
                return false;
            }
        }

        /** Watches a directory created on the way to the secrets files; true if a secrets file is already in it. */
        private boolean watchCreated(Path directory, Path name) {
            try {
                LOG.debug("Watching {}, created on the way to the secrets files", directory.resolve(name));
                return directories.created(directory, name);
            } catch (IOException e) {
                LOG.warn("Cannot watch {}, created on the way to the secrets files: {}", directory.resolve(name), e.toString());
                return false;
            }
        }

        private void react() {
            try {
                onChange.run();
            } catch (Exception e) {
                LOG.error("Reacting to a change of the secrets files failed; still watching them", e);
            }
        }
    }
}
