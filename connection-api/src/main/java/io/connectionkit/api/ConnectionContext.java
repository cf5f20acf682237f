package io.connectionkit.api;

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
}
