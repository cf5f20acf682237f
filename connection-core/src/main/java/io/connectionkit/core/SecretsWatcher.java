package io.connectionkit.core;

import java.nio.file.Path;
import java.util.List;

/**
 * Watches the secrets files and calls {@code onChange} (on its own daemon thread) after one of
 * them is created, modified or deleted. Closing it stops the thread.
 */
final class SecretsWatcher implements AutoCloseable {

    SecretsWatcher(List<Path> files, Runnable onChange) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
