package io.connectionkit.api;

import java.util.Set;

/**
 * The entry point of a connector, found with {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/io.connectionkit.api.ConnectionProvider} of
 * the connector's jar and give it a public no-argument constructor. Dropping the jar on the
 * class path is then the whole install.
 *
 * <p>Implementations must be cheap to construct and thread-safe; the core loads each provider
 * once and calls {@link #create} for every new connection.
 */
public interface ConnectionProvider {

    /** The short type name users write in {@code type = "..."}, such as {@code sql}. */
    String type();

    /** Other names for the same type. Two providers claiming one name is an error. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** The class {@link #create} returns, so that {@code get(name, SomeConnection.class)} can be checked. */
    Class<? extends BaseConnection<?>> connectionClass();

    /**
     * Creates a connection, which connects eagerly. Throw {@link ConnectionConfigException}
     * for bad configuration; any other failure reaches the caller as a {@link ConnectionException}.
     */
    BaseConnection<?> create(ConnectionContext context);

    /**
     * Configuration keys whose values are secret, beyond those the core always masks
     * ({@code token}, {@code private_key}, {@code private_key_passphrase}, {@code passcode},
     * {@code client_secret}, any key ending in {@code _token}, and any key ending in
     * {@code password}, {@code passwd}, {@code pwd}, {@code secret}, {@code secret_key},
     * {@code secret_access_key}, {@code api_key} or {@code apikey}, whatever its case).
     */
    default Set<String> sensitiveKeys() {
        return Set.of();
    }
}
