package io.connectionkit.core;

import java.util.Set;

/**
 * What the registry knows of one connector found on the class path, for
 * {@link ConnectionRegistry#providers()}: a diagnostic listing, such as a CLI or a health page shows.
 *
 * @param type      the type it serves, or {@code null} when it failed to load
 * @param aliases   its other names
 * @param className the provider class
 * @param jar       the jar or folder it came from, or {@code "unknown"}
 * @param version   the jar's {@code Implementation-Version}, or {@code null}
 * @param status    whether it can be used
 * @param failure   why it cannot, with a hint; {@code null} when active
 */
public record ProviderInfo(String type, Set<String> aliases, String className, String jar, String version,
                           Status status, String failure) {

    /** Whether a provider can be used. */
    public enum Status {
        /** Loaded and serving its type. */
        ACTIVE,
        /** Could not be loaded or constructed; see {@link #failure()}. */
        FAILED,
        /** Loaded, but another provider claims one of its names; asking for that name is an error. */
        CONFLICT
    }
}
