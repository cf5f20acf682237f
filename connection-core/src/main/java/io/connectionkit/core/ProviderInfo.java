package io.connectionkit.core;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the registry knows of one connector found on the class path, for
 * {@link ConnectionRegistry#providers()}: a diagnostic listing, such as a CLI or a health page
 * shows, so that a connector that did not load can be traced to its jar and fixed.
 *
 * @param type      the type it serves, or {@code null} when it failed to load
 * @param aliases   its other names, sorted; empty when it failed to load
 * @param className the provider class, or {@code null} in the rare case it cannot be told (a
 *                  malformed services file)
 * @param jar       the jar or folder it came from, as a file path when it is a local file, or
 *                  {@code "unknown"}
 * @param version   the jar's {@code Implementation-Version}, or {@code null}
 * @param status    whether it can be used
 * @param failure   why it cannot, with a hint such as {@code "needs a public no-argument
 *                  constructor"}; for a conflict, which other provider claims which name;
 *                  {@code null} when active
 */
public record ProviderInfo(@Nullable String type, Set<String> aliases, @Nullable String className, String jar,
                           @Nullable String version, Status status, @Nullable String failure) {

    /** Copies {@code aliases} into an immutable sorted set; {@code null} stands for none. */
    public ProviderInfo(@Nullable String type, @Nullable Set<String> aliases, @Nullable String className, String jar,
                        @Nullable String version, Status status, @Nullable String failure) {
        this.type = type;
        this.aliases = aliases == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(aliases));
        this.className = className;
        this.jar = jar;
        this.version = version;
        this.status = status;
        this.failure = failure;
    }

    /** Whether a provider can be used. */
    public enum Status {
        /** Loaded and serving its type. */
        ACTIVE,
        /** Could not be loaded or constructed; see {@link #failure()}. */
        FAILED,
        /**
         * Loaded, but another provider claims one of its names; asking for that name is an
         * error, its other names still work.
         */
        CONFLICT
    }
}
