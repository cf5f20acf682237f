package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The merged secrets of a registry: every secrets file that exists, read in order and merged
 * deeply (a later file's table adds to, and overrides key by key, the same table of an earlier
 * file), then the TOML text given to the builder. Every value remembers its file and line.
 * Immutable; {@link ConnectionRegistry#reloadSecrets()} replaces it with a new instance.
 */
public final class Secrets {

    /** The paths looked at, in order, whether or not they exist. */
    public List<Path> searched() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The files that existed and were read, in order. */
    public List<Path> files() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether no secrets were found at all (no file, no TOML text). */
    public boolean isEmpty() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The table at a dotted path, such as {@code connections.pets}, as a configuration whose
     * values carry their sources; an empty configuration with that path when there is none.
     */
    public ConnectionConfig table(String dottedPath) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The value at a dotted path, such as {@code connections.pets.type}. */
    public Optional<Object> get(String dottedPath) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Where the value at a dotted path was defined. */
    public Optional<ConfigSource> sourceOf(String dottedPath) {
        throw new UnsupportedOperationException("TODO");
    }
}
