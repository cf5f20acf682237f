package io.connectionkit.spring;

import io.connectionkit.core.ConnectionRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The actuator endpoint {@code connections} ({@link ConnectionsEndpoint}), when actuator is on the
 * class path and the endpoint is available (exposed, and not disabled).
 */
@AutoConfiguration(after = ConnectionKitAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ConnectionRegistry.class)
class ConnectionKitEndpointAutoConfiguration {

    /** Its condition on the method: the class of a class-level one would be loaded even without actuator. */
    @Bean
    @ConditionalOnAvailableEndpoint(ConnectionsEndpoint.class)
    @ConditionalOnMissingBean
    ConnectionsEndpoint connectionsEndpoint(ConnectionRegistry registry) {
        return new ConnectionsEndpoint(registry);
    }
}
