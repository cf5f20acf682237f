package io.connectionkit.spring;

import io.connectionkit.core.ConnectionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * The {@code connections} health contributor, {@code /actuator/health/connections}, when
 * {@code spring-boot-health} is on the class path and {@code management.health.connections.enabled}
 * is not false.
 */
@AutoConfiguration(after = ConnectionKitAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(ConnectionRegistry.class)
class ConnectionKitHealthAutoConfiguration {

    /** Its condition on the method: the class of a class-level one would be loaded even without actuator. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("connections")
    @ConditionalOnMissingBean(name = "connectionsHealthContributor")
    HealthContributor connectionsHealthContributor(ConnectionRegistry registry, ConnectionKitProperties properties) {
        return new ConnectionsHealthContributor(registry, properties.getHealth().getValidationTimeout());
    }
}
