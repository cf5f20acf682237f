package io.connectionkit.spring;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.micrometer.ConnectionRegistryMetrics;
import io.connectionkit.sql.SQLConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Which beans the auto-configurations give, with and without actuator, Micrometer and a registry of the user's. */
class ConnectionKitAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner;

    @BeforeEach
    void runner() {
        Path secrets = TestSecrets.write(dir.resolve("secrets.toml"), TestSecrets.sqlite("pets", dir.resolve("pets.db")));
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConnectionKitAutoConfiguration.class,
                        ConnectionKitHealthAutoConfiguration.class, ConnectionKitEndpointAutoConfiguration.class,
                        ConnectionKitMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withPropertyValues("connectionkit.secrets-files=" + secrets,
                        "management.endpoints.web.exposure.include=connections");
    }

    @Test
    void theRegistryIsBuiltFromTheProperties() {
        runner.withPropertyValues("connectionkit.query-cache.max-size=3MB", "connectionkit.query-cache.default-ttl=5m")
                .run(context -> {
                    ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                    assertThat(registry.queryCacheMaxBytes()).isEqualTo(3L * 1024 * 1024);
                    assertThat(registry.configuredConnections()).singleElement()
                            .satisfies(pets -> assertThat(pets.name()).isEqualTo("pets"))
                            .satisfies(pets -> assertThat(pets.source().location()).endsWith("secrets.toml"));
                    assertThat(context.getBean(ConnectionKitProperties.class).getQueryCache().getDefaultTtl())
                            .isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void theDefaultTtlReachesTheRegistrysCache() {
        runner.withPropertyValues("connectionkit.query-cache.default-ttl=20ms").run(context -> {
            ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
            SQLConnection pets = registry.get("pets", SQLConnection.class);
            pets.query("select 1 as one");
            // the same query again, until its result has expired and it runs a second time: never, were the ttl lost
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
                pets.query("select 1 as one");
                return registry.queryCacheStats("pets").loads() == 2;
            });
        });
        runner.run(context -> {
            SQLConnection pets = context.getBean(ConnectionRegistry.class).get("pets", SQLConnection.class);
            pets.query("select 1 as one");
            pets.query("select 1 as one");
            assertThat(context.getBean(ConnectionRegistry.class).queryCacheStats("pets").hits()).isEqualTo(1);
        });
    }

    @Test
    void theRegistryIsClosedWithTheContext() {
        ConnectionRegistry[] kept = new ConnectionRegistry[1];
        SQLConnection[] pets = new SQLConnection[1];
        runner.run(context -> {
            kept[0] = context.getBean(ConnectionRegistry.class);
            pets[0] = kept[0].get("pets", SQLConnection.class);
            assertThat(pets[0].query("select 1 as one", QueryOptions.noCache()).rowCount()).isEqualTo(1);
        });
        assertThat(pets[0].isClosed()).isTrue();
        assertThatThrownBy(() -> kept[0].get("pets")).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aRegistryOfTheApplicationWins() {
        ConnectionRegistry own = ConnectionRegistry.builder().secretsToml(TestSecrets.sqlite("own", dir.resolve("own.db"))).build();
        runner.withBean(ConnectionRegistry.class, () -> own).run(context -> {
            assertThat(context).getBean(ConnectionRegistry.class).isSameAs(own);
            assertThat(context.getBean(ConnectionsEndpoint.class).connections().connections()).containsOnlyKeys("own");
        });
    }

    @Test
    void withActuatorEachConfiguredConnectionHasAHealthIndicator() {
        runner.run(context -> {
            HealthContributor contributor = context.getBean("connectionsHealthContributor", HealthContributor.class);
            assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
            CompositeHealthContributor connections = (CompositeHealthContributor) contributor;
            assertThat(connections.stream()).extracting(entry -> entry.name()).containsExactly("pets");
            Health pets = ((HealthIndicator) connections.getContributor("pets")).health();
            assertThat(pets.getStatus()).isEqualTo(Status.UP);
            assertThat(pets.getDetails()).containsEntry("type", "sql").containsKey("source");
            assertThat(connections.getContributor("nothing")).isNull();
            assertThat(context).hasSingleBean(ConnectionsEndpoint.class);
        });
    }

    @Test
    void theHealthIndicatorCanBeDisabled() {
        runner.withPropertyValues("management.health.connections.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("connectionsHealthContributor"));
    }

    @Test
    void withoutActuatorTheContextStartsWithTheRegistryAlone() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.",
                        "org.springframework.boot.actuate."))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ConnectionRegistry.class);
                    assertThat(context).doesNotHaveBean("connectionsHealthContributor")
                            .doesNotHaveBean(ConnectionsEndpoint.class);
                    assertThat(context.getBean(ConnectionRegistry.class).get("pets", SQLConnection.class)
                            .query("select 1 as one", QueryOptions.noCache()).rowCount()).isEqualTo(1);
                });
    }

    @Test
    void withAMeterRegistryTheRegistrysMetersAreBound() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(ConnectionRegistryMetrics.class);
            context.getBean(ConnectionRegistry.class).get("pets", SQLConnection.class)
                    .query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(1)));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("connectionkit.query.cache.max.size").gauge()).isNotNull();
            assertThat(meters.find("connectionkit.query.cache.misses").tag("connection", "pets").functionCounter())
                    .isNotNull()
                    .satisfies(misses -> assertThat(misses.count()).isEqualTo(1.0));
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionRegistryMetrics.class));
    }

    @Test
    void withoutMicrometerOrTheMetricsModuleTheContextStarts() {
        runner.withBean(SimpleMeterRegistry.class)
                .withClassLoader(new FilteredClassLoader(ConnectionRegistryMetrics.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ConnectionRegistry.class)
                        .doesNotHaveBean(ConnectionRegistryMetrics.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConnectionKitAutoConfiguration.class,
                        ConnectionKitMetricsAutoConfiguration.class))
                .withPropertyValues("connectionkit.secrets-files=" + dir.resolve("secrets.toml"))
                .withClassLoader(new FilteredClassLoader("io.micrometer.", "io.connectionkit.micrometer."))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ConnectionRegistry.class)
                        .doesNotHaveBean(ConnectionRegistryMetrics.class));
    }
}
