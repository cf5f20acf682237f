package io.connectionkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.core.ConnectionRegistryTest.PlainConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second plain {@code get(name)} or {@code get(name, Class)} is answered from what the first
 * one found ({@link KnownConnection}): these check it answers what the full lookup would,
 * whatever changed in between.
 * Each test asks at least twice, so the second ask goes through that shortcut.
 */
class KnownConnectionTest {

    private static final String PLAIN_TYPE = "type = \"" + PlainConnection.class.getName() + "\"\n";
    private static final String IN_MEMORY_TYPE = "type = \"inmemory\"\n";

    @TempDir
    Path home;
    @TempDir
    Path work;

    private final List<ConnectionRegistry> registries = new ArrayList<>();
    private String name;

    @BeforeEach
    void uniqueName(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(ConnectionRegistry::close);
    }

    private RegistryBuilder builder() {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(home).workingDirectory(work).classLoader(InMemoryProvider.classLoader());
        builder.environment(Map.of()).systemProperties(Map.of());
        return builder;
    }

    private ConnectionRegistry registry(ConnectionRegistry.Builder builder) {
        ConnectionRegistry registry = builder.build();
        registries.add(registry);
        return registry;
    }

    /** A registry reading {@code section} as {@code [connections.<name>]} from a file that {@link #rewrite} changes. */
    private ConnectionRegistry registryOfFile(String section) throws IOException {
        rewrite(section);
        return registry(builder());
    }

    private void rewrite(String section) throws IOException {
        Path file = work.resolve(".streamlit/secrets.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[connections." + name + "]\n" + section);
    }

    @Test
    void aConnectionClosedByItsUserIsNotReturnedAgain() {
        ConnectionRegistry registry = registry(builder().secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        BaseConnection<?> first = registry.get(name);
        assertThat(registry.get(name)).isSameAs(first);

        first.close();
        BaseConnection<?> second = registry.get(name);
        InMemoryConnection typed = registry.get(name, InMemoryConnection.class);
        typed.close();

        assertThat(second).isNotSameAs(first).isSameAs(typed);
        assertThat(registry.get(name, InMemoryConnection.class)).isNotSameAs(typed).matches(c -> !c.isClosed());
    }

    @Test
    void aTypeChangedInTheSecretsIsSeenByTheNextGet() throws IOException {
        ConnectionRegistry registry = registryOfFile(IN_MEMORY_TYPE);
        BaseConnection<?> inMemory = registry.get(name);
        assertThat(registry.get(name, InMemoryConnection.class)).isSameAs(inMemory);

        rewrite(PLAIN_TYPE);
        assertThat(registry.reloadSecrets()).isTrue();

        assertThat(registry.get(name)).isInstanceOf(PlainConnection.class).isSameAs(registry.get(name, PlainConnection.class));
        assertThatThrownBy(() -> registry.get(name, InMemoryConnection.class))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("Connection '" + name + "' is of type " + PlainConnection.class.getName());
    }

    @Test
    void changedSecretsResetTheConnectionTheNextGetReturns() throws IOException {
        ConnectionRegistry registry = registryOfFile(IN_MEMORY_TYPE + "database = \"pets\"\n");
        InMemoryConnection first = registry.get(name, InMemoryConnection.class);
        assertThat(first.instance().database).isEqualTo("pets");
        assertThat(registry.get(name)).isSameAs(first);

        rewrite(IN_MEMORY_TYPE + "database = \"vets\"\n");
        assertThat(registry.reloadSecrets()).isTrue();

        assertThat(registry.get(name)).isSameAs(first);
        assertThat(registry.get(name, InMemoryConnection.class).instance().database).isEqualTo("vets");
        assertThat(InMemoryConnection.counters(name).closes).as("the old client").hasValue(1);
    }

    @Test
    void askingForAClassTheConnectionIsNotFailsEveryTime() {
        ConnectionRegistry registry = registry(builder().secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        BaseConnection<?> connection = registry.get(name);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> registry.get(name, PlainConnection.class))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessage("Connection '" + name + "' is of type inmemory, served by " + InMemoryConnection.class.getName()
                            + ", not " + PlainConnection.class.getName() + " (type set at secretsToml:2)");
        }
        assertThat(registry.get(name, BaseConnection.class)).isSameAs(connection);
        assertThat(registry.get(name, InMemoryConnection.class)).isSameAs(connection);
        assertThat(registry.get(name)).isSameAs(connection);
    }

    @Test
    void aTypeThatOnlyTheAskedClassGaveServesOnlyThatClass() {
        ConnectionRegistry registry = registry(builder());
        PlainConnection plain = registry.get(name, PlainConnection.class);
        assertThat(registry.get(name, PlainConnection.class)).isSameAs(plain);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> registry.get(name))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageStartingWith("No type for connection '" + name + "'");
            assertThatThrownBy(() -> registry.get(name, BaseConnection.class))
                    .isInstanceOf(ConnectionConfigException.class)
                    .hasMessageStartingWith("No type for connection '" + name + "'");
        }
        assertThat(registry.get(name, InMemoryConnection.class)).isInstanceOf(InMemoryConnection.class);
        assertThat(registry.get(name, PlainConnection.class)).isSameAs(plain);
    }

    @Test
    void closingTheRegistryFailsEveryLaterGet() {
        ConnectionRegistry registry = registry(builder().secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        BaseConnection<?> connection = registry.get(name);
        assertThat(registry.get(name, InMemoryConnection.class)).isSameAs(connection);

        registry.close();

        assertThat(connection.isClosed()).isTrue();
        assertThatThrownBy(() -> registry.get(name)).isInstanceOf(ConnectionException.class)
                .hasMessage("This ConnectionRegistry is closed");
        assertThatThrownBy(() -> registry.get(name, InMemoryConnection.class)).isInstanceOf(ConnectionException.class)
                .hasMessage("This ConnectionRegistry is closed");
    }

    @Test
    void aConnectionWithATtlOrOptionsIsNeverTheAnswerOfAPlainGet() {
        FakeTicker ticker = new FakeTicker();
        ConnectionRegistry registry = registry(builder().ticker(ticker)
                .secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        BaseConnection<?> expiring = registry.request(name).ttl(Duration.ofMinutes(5)).get();
        BaseConnection<?> withOption = registry.request(name).option("database", "vets").get();
        BaseConnection<?> plain = registry.get(name);

        assertThat(plain).isNotSameAs(expiring).isNotSameAs(withOption).isSameAs(registry.get(name));
        ticker.advance(Duration.ofMinutes(6));
        BaseConnection<?> again = registry.request(name).ttl(Duration.ofMinutes(5)).get();

        assertThat(expiring.isClosed()).as("expired").isTrue();
        assertThat(again).isNotSameAs(expiring).isNotSameAs(plain);
        assertThat(registry.get(name)).as("no ttl: lives on").isSameAs(plain).matches(c -> !c.isClosed());
        assertThat(registry.request(name).option("database", "vets").get()).isSameAs(withOption);
    }

    @Test
    void anEnvNameAndTheNameItStandsForAreOneConnection() {
        ConnectionRegistry registry = registry(builder().environment(Map.of("PETS_DB", name))
                .secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        BaseConnection<?> byVariable = registry.get("env:PETS_DB");

        assertThat(registry.get(name)).isSameAs(byVariable);
        assertThat(registry.get("env:PETS_DB")).isSameAs(byVariable);
        assertThat(registry.get("env:PETS_DB", InMemoryConnection.class)).isSameAs(byVariable);
    }

    @Test
    void aTypeAReloadChangedWhileTheFirstGetCreatedTheConnectionIsSeenByTheNextGet() throws IOException {
        ConnectionRegistry registry = registryOfFile(IN_MEMORY_TYPE);
        // "Created ..." is logged after the first get resolved the type from the old secrets
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionRegistry.class);
        AppenderBase<ILoggingEvent> reloadOnCreated = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("Created InMemoryConnection")) {
                    try {
                        rewrite(PLAIN_TYPE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    registry.reloadSecrets();
                }
            }
        };
        reloadOnCreated.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(reloadOnCreated);
        BaseConnection<?> first;
        try {
            first = registry.get(name);
        } finally {
            logger.detachAppender(reloadOnCreated);
            logger.setAdditive(true);
            logger.setLevel(level);
        }

        assertThat(first).as("resolved before the reload").isInstanceOf(InMemoryConnection.class);
        assertThat(registry.get(name)).isInstanceOf(PlainConnection.class);
    }

    @Test
    void aNullNameOrClassIsRefusedByName() {
        ConnectionRegistry registry = registry(builder().secretsToml("[connections." + name + "]\n" + IN_MEMORY_TYPE));
        registry.get(name);

        assertThatThrownBy(() -> registry.get(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> registry.get(null, InMemoryConnection.class)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> registry.get(name, (Class<InMemoryConnection>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
    }
}
