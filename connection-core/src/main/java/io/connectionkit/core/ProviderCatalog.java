package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionProvider;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connectors found with {@link java.util.ServiceLoader}, loaded once. A provider that fails
 * to load is recorded and logged once at WARN; the others keep working.
 */
final class ProviderCatalog {

    /** Loads the providers visible to {@code classLoaders}, in order, each provider class once. */
    static ProviderCatalog load(List<ClassLoader> classLoaders) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The provider whose type or alias is {@code name}.
     *
     * @throws io.connectionkit.api.ConnectionException when two providers claim {@code name},
     *         naming both classes and their jars
     */
    Optional<ConnectionProvider> find(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The provider whose {@code connectionClass()} is exactly {@code connectionClass}. */
    Optional<ConnectionProvider> forConnectionClass(Class<? extends BaseConnection<?>> connectionClass) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every type and alias of the active and conflicting providers, sorted. */
    Set<String> names() {
        throw new UnsupportedOperationException("TODO");
    }

    /** What was found, active and failed, in discovery order. */
    List<ProviderInfo> infos() {
        throw new UnsupportedOperationException("TODO");
    }
}
