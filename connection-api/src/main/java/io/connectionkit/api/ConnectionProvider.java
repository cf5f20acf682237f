package io.connectionkit.api;

import java.util.Collection;
import java.util.List;
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
     * Configuration keys whose values are secret, beyond those the core always masks (listed at
     * {@link ConnectionConfig#isSensitive(String)}); case is ignored.
     */
    default Set<String> sensitiveKeys() {
        return Set.of();
    }

    /**
     * The secret values inside {@code config} that no sensitive key holds whole, which only this
     * connector can find because only it parses the values they are in: the password in a URL's
     * user info or in its {@code password=} parameter, say. Return each as written in the value and
     * as the client will be given it (decoded, unquoted), as either may come back in its messages.
     * The core masks them, with the values of sensitive keys, wherever the configuration is shown
     * and in everything {@link ConnectionConfig#mask} and {@link ConnectionConfig#redact} are given.
     *
     * <p>Called once per configuration, from any thread, when its secrets are first needed. It must
     * not throw (return a value you cannot parse whole; should it throw, every value of the
     * configuration is masked), and must not show, log or mask {@code config}, which would ask for
     * its secrets again (that inner showing masks every value).
     */
    default Collection<String> secretsIn(ConnectionConfig config) {
        return List.of();
    }
}
