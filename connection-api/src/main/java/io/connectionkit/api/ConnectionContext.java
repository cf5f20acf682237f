package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link ConnectionProvider} is handed to create a connection: the name it was asked
 * for, its resolved type, its configuration and its query cache. The core owns the context;
 * {@link #config()} always returns the current configuration, which changes when the secrets
 * file does.
 */
public interface ConnectionContext {

    /** The connection's name, {@code pets} for {@code [connections.pets]}. */
    String name();

    /** The connector type that serves it ({@code sql}), or a class name for a class given as the type. */
    String type();

    /** Options given in code over the {@code [connections.<name>]} section of the secrets. */
    ConnectionConfig config();

    /** The query-result cache of this connection; shared with no other connection. */
    QueryCache queryCache();

    /**
     * The user's home directory, {@code ~}, as the registry was given it: where a connector finds
     * its own tool's configuration files ({@code ~/.snowflake/connections.toml}, say). By default,
     * for a context the core did not make, {@code user.home}.
     */
    default Path homeDirectory() {
        return Path.of(System.getProperty("user.home"));
    }

    /**
     * The environment variables, as the registry was given them: a connector reads its own
     * ({@code SNOWFLAKE_HOME}, say) here rather than from {@link System#getenv()}, so that tests
     * and applications can set them. Unmodifiable; by default, for a context the core did not
     * make, {@link System#getenv()}.
     */
    default Map<String, String> environment() {
        return System.getenv();
    }

    /**
     * Told by {@link BaseConnection} each time it opens a raw client: once while it is constructed,
     * and again on first use after each {@link BaseConnection#reset() reset}. The core tells the
     * registry's listeners, so that metrics can follow the client (a pool's own meters, say).
     * By default does nothing. Must not throw.
     *
     * @param client what {@link BaseConnection#instance()} now returns
     */
    default void clientOpened(Object client) {
    }

    /**
     * Told by {@link BaseConnection} when opening a raw client failed, with the exception its
     * caller gets (masked already). By default does nothing. Must not throw.
     */
    default void clientOpenFailed(RuntimeException error) {
    }

    /**
     * Told by {@link BaseConnection} after it released its raw client: by a
     * {@link BaseConnection#reset() reset} that had a client to drop ({@code closed} false), or
     * once, by {@link BaseConnection#close() close} ({@code closed} true, whether or not a client
     * was open). By default does nothing. Must not throw.
     *
     * @param client the client released, or {@code null} when {@code close} found none open
     */
    default void clientDropped(@Nullable Object client, boolean closed) {
    }

    /**
     * Tells the application of a problem the connection survived, such as a client that
     * {@link BaseConnection#reset()} could not release. The API logs nothing itself, so that a
     * connector needs no logging library: the core's context logs this as a warning through
     * SLF4J, on the logger of the connection's class, masked again with {@link #config()}'s
     * secrets. Pass text and an error that show no secret already, through
     * {@link ConnectionConfig#mask} and {@link ConnectionConfig#redact}. Must not throw.
     *
     * <p>By default, for a context the core did not make (a test's own, say), prints both to
     * {@link System#err}, so that nothing is lost where no logger was given.
     *
     * @param message what happened, naming the connection; no secret
     * @param error   what was thrown, already redacted, or {@code null}
     */
    default void warn(String message, @Nullable Throwable error) {
        System.err.println("WARNING: " + message);
        if (error != null) {
            error.printStackTrace();
        }
    }
}
