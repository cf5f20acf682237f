package io.connectionkit.spring;

import io.connectionkit.core.ConnectionRegistry;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Auto-configures a {@link ConnectionRegistry} from the {@code connectionkit.*} properties
 * ({@link ConnectionKitProperties}), closed when the application context closes, unless the
 * application defines its own; and injects connections by name: a
 * {@code @ConnectionName("pets") ConnectionHandle<SQLConnection>} (see {@link ConnectionHandle}). Public so that an application can exclude it or order its own
 * configuration after it.
 */
@AutoConfiguration
@EnableConfigurationProperties(ConnectionKitProperties.class)
public class ConnectionKitAutoConfiguration {

    /**
     * The registry; the connectors are found with the application's class loader, so that a
     * packaged Boot application finds those in its own jar.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ConnectionRegistry connectionRegistry(ConnectionKitProperties properties, ApplicationContext context) {
        ConnectionRegistry.Builder builder = ConnectionRegistry.builder()
                .watchSecrets(properties.isWatchSecrets());
        if (!properties.getSecretsFiles().isEmpty()) {
            builder.secretsFiles(properties.getSecretsFiles().stream().map(Path::of).toArray(Path[]::new));
        }
        DataSize maxSize = properties.getQueryCache().getMaxSize();
        if (maxSize != null) {
            builder.queryCacheMaxBytes(maxSize.toBytes());
        }
        Duration defaultTtl = properties.getQueryCache().getDefaultTtl();
        if (defaultTtl != null) {
            builder.defaultQueryTtl(defaultTtl);
        }
        ClassLoader classLoader = context.getClassLoader();
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        return builder.build();
    }

    /** A handle for each {@code @ConnectionName ConnectionHandle<...>} injection point. */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public ConnectionHandle<?> connectionHandle(ConnectionRegistry registry, InjectionPoint injectionPoint) {
        return ConnectionInjection.handle(registry, injectionPoint);
    }
}
