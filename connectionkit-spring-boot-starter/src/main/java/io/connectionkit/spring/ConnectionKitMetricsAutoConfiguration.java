package io.connectionkit.spring;

import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.micrometer.ConnectionRegistryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The registry's meters ({@code connectionkit.*}, and HikariCP's {@code hikaricp.*} for each SQL
 * connection's pool) when {@code connectionkit-micrometer} is on the class path and the application
 * has a {@link MeterRegistry}: a {@link ConnectionRegistryMetrics} bean, which Boot binds to every
 * meter registry as it binds any {@code MeterBinder}, and which is closed with the context.
 */
@AutoConfiguration(after = ConnectionKitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, ConnectionRegistryMetrics.class})
@ConditionalOnBean({MeterRegistry.class, ConnectionRegistry.class})
class ConnectionKitMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConnectionRegistryMetrics connectionRegistryMetrics(ConnectionRegistry registry) {
        return new ConnectionRegistryMetrics(registry);
    }
}
