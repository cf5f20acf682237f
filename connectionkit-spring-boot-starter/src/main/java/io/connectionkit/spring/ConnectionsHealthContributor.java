package io.connectionkit.spring;

import io.connectionkit.core.ConfiguredConnection;
import io.connectionkit.core.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The {@code connections} health contributor: one {@link ConnectionHealthIndicator} per
 * {@code [connections.<name>]} table of the registry's current secrets, so a connection added or
 * removed by a reload of the secrets shows or goes at the next health request.
 */
final class ConnectionsHealthContributor implements CompositeHealthContributor {

    private final ConnectionRegistry registry;
    private final Duration validationTimeout;

    ConnectionsHealthContributor(ConnectionRegistry registry, Duration validationTimeout) {
        this.registry = registry;
        this.validationTimeout = validationTimeout;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return registry.configuredConnections().stream()
                .filter(configured -> configured.name().equals(name))
                .findFirst()
                .map(this::indicator)
                .orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        return registry.configuredConnections().stream()
                .map(configured -> new Entry(configured.name(), indicator(configured)));
    }

    private HealthContributor indicator(ConfiguredConnection configured) {
        return new ConnectionHealthIndicator(registry, configured, validationTimeout);
    }
}
