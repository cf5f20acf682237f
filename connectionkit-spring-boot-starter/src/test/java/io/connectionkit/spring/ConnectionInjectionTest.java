package io.connectionkit.spring;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionInfo;
import io.connectionkit.core.ConnectionListener;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConnectionInjectionTest {

    @TempDir
    Path dir;

    private Path secrets;
    private ApplicationContextRunner runner;

    @BeforeEach
    void secrets() {
        secrets = TestSecrets.write(dir.resolve("secrets.toml"), TestSecrets.sqlite("pets", dir.resolve("a.db")));
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConnectionKitAutoConfiguration.class))
                .withPropertyValues("connectionkit.secrets-files=" + secrets);
    }

    /** Holds what a user would inject, by constructor and by field. */
    static class PetService {
        final ConnectionHandle<SQLConnection> pets;

        @Autowired
        @ConnectionName("pets")
        ConnectionHandle<BaseConnection<?>> anyPets;

        @Autowired
        @ConnectionName("pets")
        ConnectionHandle<?> wildcardPets;

        PetService(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
            this.pets = pets;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PetServiceConfiguration {
        @Bean
        PetService petService(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
            return new PetService(pets);
        }
    }

    /** Counts the connections the registry creates, as the registry tells its listeners. */
    static final class Created implements ConnectionListener {
        final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void created(ConnectionInfo connection) {
            names.add(connection.name());
        }
    }

    @Test
    void injectedHandlesConnectOnlyWhenFirstUsed() {
        runner.withUserConfiguration(PetServiceConfiguration.class).run(context -> {
            Created created = new Created();
            context.getBean(ConnectionRegistry.class).addListener(created);
            PetService service = context.getBean(PetService.class);
            assertThat(created.names).as("nothing connects at injection").isEmpty();
            assertThat(service.pets.name()).isEqualTo("pets");
            assertThat(service.pets).hasToString("ConnectionHandle[pets: SQLConnection]");

            SQLConnection pets = service.pets.get();
            pets.execute("create table pets (name varchar(20))");
            pets.execute("insert into pets (name) values ('Rex')");
            assertThat(created.names).containsExactly("pets");
            assertThat(service.pets.get()).isSameAs(pets);
            assertThat(service.anyPets.get()).isSameAs(pets);
            assertThat(service.wildcardPets.get()).isSameAs(pets);
            assertThat(created.names).containsExactly("pets");
        });
    }

    @Test
    void aHandleNeverGivesAClosedConnection() {
        runner.withUserConfiguration(PetServiceConfiguration.class).run(context -> {
            PetService service = context.getBean(PetService.class);
            SQLConnection first = service.pets.get();
            first.execute("create table pets (name varchar(20))");
            first.close();

            SQLConnection second = service.pets.get();
            assertThat(second).isNotSameAs(first);
            assertThat(second.isClosed()).isFalse();
            assertThat(second.query("select count(*) as n from pets", QueryOptions.noCache()).stream())
                    .extracting(row -> ((Number) row.get("n")).intValue()).containsExactly(0);
        });
    }

    @Test
    void aSecretsChangeResetsTheInjectedConnection() {
        runner.withUserConfiguration(PetServiceConfiguration.class).run(context -> {
            PetService service = context.getBean(PetService.class);
            service.pets.get().execute("create table pets (name varchar(20))");
            service.pets.get().execute("insert into pets (name) values ('Rex')");
            assertThat(service.pets.get().query("select name from pets", QueryOptions.ttl(Duration.ofHours(1))).stream())
                    .extracting(row -> row.get("name")).containsExactly("Rex");

            SQLConnection other = ConnectionRegistry.builder().secretsToml(TestSecrets.sqlite("other", dir.resolve("b.db")))
                    .build().get("other", SQLConnection.class);
            other.execute("create table pets (name varchar(20))");
            other.execute("insert into pets (name) values ('Tom')");
            other.close();
            TestSecrets.write(secrets, TestSecrets.sqlite("pets", dir.resolve("b.db")));
            assertThat(context.getBean(ConnectionRegistry.class).reloadSecrets()).isTrue();

            assertThat(service.pets.get().query("select name from pets", QueryOptions.ttl(Duration.ofHours(1))).stream())
                    .as("the new database, not the cached result of the old one")
                    .extracting(row -> row.get("name")).containsExactly("Tom");
        });
    }

    @Test
    void watchedSecretsResetTheInjectedConnection() {
        runner.withUserConfiguration(PetServiceConfiguration.class)
                .withPropertyValues("connectionkit.watch-secrets=true")
                .run(context -> {
                    PetService service = context.getBean(PetService.class);
                    service.pets.get().execute("create table a (x int)");
                    TestSecrets.write(secrets, TestSecrets.sqlite("pets", dir.resolve("b.db")));
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(service.pets.get().query(
                                    "select count(*) as n from sqlite_master where name = 'a'", QueryOptions.noCache())
                                    .stream()).extracting(row -> ((Number) row.get("n")).intValue()).containsExactly(0));
                });
    }

    @Test
    void aHandleOfAnotherConnectionClassFailsWhenUsedNamingBothClasses() {
        runner.withUserConfiguration(WrongClass.class).run(context -> {
            ConnectionHandle<OtherConnection> handle = context.getBean(WrongClass.class).handle;
            assertThatThrownBy(handle::get)
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("SQLConnection")
                    .hasMessageContaining(OtherConnection.class.getName());
        });
    }

    /** A connection class no connector serves. */
    abstract static class OtherConnection extends BaseConnection<Object> {
        OtherConnection() {
            super(null);
        }
    }

    static class WrongClass {
        @Autowired
        @ConnectionName("pets")
        ConnectionHandle<OtherConnection> handle;
    }

    @Test
    void aHandleWithoutConnectionNameFailsAtStartupSayingHowToName() {
        runner.withBean(Unnamed.class).run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("Cannot inject field pets of " + Unnamed.class.getName())
                .hasMessageContaining("@ConnectionName(\"pets\") ConnectionHandle<SQLConnection> pets"));
    }

    static class Unnamed {
        @Autowired
        ConnectionHandle<SQLConnection> pets;
    }

    @Test
    void aRawHandleFailsAtStartupAskingForItsClass() {
        runner.withBean(Raw.class).run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("Cannot inject parameter")
                .hasMessageContaining("a raw ConnectionHandle does not say which connection class it gives"));
    }

    static class Raw {
        @SuppressWarnings("rawtypes")
        Raw(@ConnectionName("pets") ConnectionHandle pets) {
        }
    }

    @Test
    void aBlankConnectionNameFailsAtStartup() {
        runner.withBean(Blank.class).run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("@ConnectionName must name a connection"));
    }

    static class Blank {
        Blank(@ConnectionName(" ") ConnectionHandle<SQLConnection> pets) {
        }
    }
}
