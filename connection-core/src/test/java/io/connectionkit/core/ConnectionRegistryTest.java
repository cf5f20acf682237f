package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.UnknownConnectionTypeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionRegistryTest {

    @TempDir
    Path home;
    @TempDir
    Path work;

    private final List<ConnectionRegistry> registries = new ArrayList<>();
    private String name;

    @AfterEach
    void closeRegistries() {
        registries.forEach(ConnectionRegistry::close);
    }

    @org.junit.jupiter.api.BeforeEach
    void uniqueName(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName();
    }

    private RegistryBuilder builder() {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(home).workingDirectory(work).classLoader(InMemoryProvider.classLoader());
        builder.environment(Map.of()).systemProperties(Map.of());
        return builder;
    }

    private ConnectionRegistry registry(String toml) {
        ConnectionRegistry registry = builder().secretsToml(toml).build();
        registries.add(registry);
        return registry;
    }

    private Path writeSecrets(String toml) throws IOException {
        Path file = work.resolve(".streamlit/secrets.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return file;
    }

    private InMemoryConnection.Counters counters() {
        return InMemoryConnection.counters(name);
    }

    @Test
    void reusesConnectionForSameName() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");

        BaseConnection<?> first = registry.get(name);
        BaseConnection<?> second = registry.get(name);

        assertThat(first).isInstanceOf(InMemoryConnection.class).isSameAs(second);
        assertThat(counters().connects).hasValue(1);
    }

    @Test
    void infersTypeFromTheNameWhenTheNameIsAType() {
        ConnectionRegistry registry = registry("");

        assertThat(registry.get("inmemory")).isInstanceOf(InMemoryConnection.class);
        assertThat(registry.get("mem").type()).isEqualTo("inmemory");
    }

    @Test
    void readsTypeOrAliasFromSecrets() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"mem\"\ndatabase = \"pets\"\n");

        InMemoryConnection connection = registry.get(name, InMemoryConnection.class);

        assertThat(connection.type()).isEqualTo("inmemory");
        assertThat(connection.instance().database).isEqualTo("pets");
    }

    @Test
    void explicitTypeWinsOverSecrets() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"nosuchtype\"\n");

        assertThat(registry.get(name, "inmemory")).isInstanceOf(InMemoryConnection.class);
    }

    @Test
    void acceptsClassNamesOfConnectionsAndProviders() {
        ConnectionRegistry registry = registry("");

        assertThat(registry.request(name + "-a").type(InMemoryConnection.class.getName()).get())
                .isInstanceOf(InMemoryConnection.class);
        assertThat(registry.request(name + "-b").type(InMemoryProvider.class.getName()).get())
                .isInstanceOf(InMemoryConnection.class);
        assertThat(registry.request(name + "-c").type(InMemoryConnection.class).get().type()).isEqualTo("inmemory");
    }

    @Test
    void constructsAConnectionClassThatNoProviderServes() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"" + PlainConnection.class.getName() + "\"\nurl = \"x\"\n");

        BaseConnection<?> connection = registry.get(name);

        assertThat(connection).isInstanceOf(PlainConnection.class);
        assertThat(connection.type()).isEqualTo(PlainConnection.class.getName());
        assertThat(connection.instance()).isEqualTo("connected to x");
    }

    @Test
    void theExpectedClassIsTheTypeWhenNothingElseSaysOne() {
        ConnectionRegistry registry = registry("");

        assertThat(registry.get(name, PlainConnection.class).instance()).isEqualTo("connected to nothing");
    }

    @Test
    void noTypeSaysWhereItLooked() {
        ConnectionRegistry registry = builder().build();
        registries.add(registry);

        assertThatThrownBy(() -> registry.get("pets"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("No type for connection 'pets'")
                .hasMessageContaining("[connections.pets]")
                .hasMessageContaining("No secrets file was found; looked for: ")
                .hasMessageContaining(home.resolve(".streamlit/secrets.toml").toString())
                .hasMessageContaining(work.resolve(".streamlit/secrets.toml").toString())
                .hasMessageContaining("inmemory");
    }

    @Test
    void noTypeWithSecretsSaysTheSectionIsMissing() throws IOException {
        writeSecrets("[connections.other]\ntype = \"inmemory\"\n");
        ConnectionRegistry registry = builder().build();
        registries.add(registry);

        assertThatThrownBy(() -> registry.get("pets"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("The secrets ([.streamlit/secrets.toml]) have no [connections.pets] section."
                        + " Configured connections: other (with a type).");
    }

    private static final String CONFIGURED = """
            [connections.pets]
            type = "inmemory"
            password = "pets-canary-Pw"

            [connections.scratch]
            host = "scratch-host-canary"

            [connections."my.db"]
            type = "mem"
            """;

    @Test
    void aMisspelledNameGetsTheNearestConfiguredNameAndEveryConfiguredOne() {
        ConnectionRegistry registry = registry(CONFIGURED);

        assertThatThrownBy(() -> registry.get("pest"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageStartingWith("No type for connection 'pest'.")
                .hasMessageContaining("The secrets ([secretsToml]) have no [connections.pest] section. Did you mean pets?"
                        + " Configured connections: pets (with a type), scratch (without a type), my.db (with a type).")
                .hasMessageNotContaining("canary");
    }

    @Test
    void aTypeThatIsNoNameIsRefusedWithoutQuotingIt() {
        ConnectionRegistry registry = registry("[connections.pets]\ntype = 4711\n");

        assertThatThrownBy(() -> registry.get("pets"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.type: expected a type name or class name, a string that is not blank"
                        + " (secretsToml:2)")
                .hasMessageNotContaining("4711");
    }

    @Test
    void aMisspelledNameThatAConnectorRejectsGetsTheNearestConfiguredName() {
        ConnectionRegistry registry = registry(CONFIGURED);

        assertThatThrownBy(() -> registry.get("scrach", UrlConnection.class))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.scrach.url is required but missing. The secrets ([secretsToml]) have no"
                        + " [connections.scrach] section. Did you mean scratch? Configured connections: pets (with a type),"
                        + " scratch (without a type), my.db (with a type).");
    }

    @Test
    void aNameLikeNoConfiguredOneGetsTheListWithoutAGuess() {
        ConnectionRegistry registry = registry(CONFIGURED + "\n[settings]\ntheme = \"dark\"\n");

        assertThatThrownBy(() -> registry.get("warehouse"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("have no [connections.warehouse] section. Configured connections: pets (with a type),"
                        + " scratch (without a type), my.db (with a type).")
                .hasMessageNotContaining("Did you mean");
        assertThatThrownBy(() -> registry("[settings]\ntheme = \"dark\"\n").get("pets"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("The secrets ([secretsToml]) have no [connections.pets] section, nor any [connections.<name>].");
    }

    @Test
    void unknownTypeListsTheAvailableTypes() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"mongo\"\n");

        assertThatThrownBy(() -> registry.get(name))
                .isInstanceOfSatisfying(UnknownConnectionTypeException.class, e -> {
                    assertThat(e.type()).isEqualTo("mongo");
                    assertThat(e.availableTypes()).contains("inmemory", "mem");
                })
                .hasMessageContaining("Unknown connection type 'mongo' for connection '" + name + "'")
                .hasMessageContaining("(set at secretsToml:2)")
                .hasMessageContaining("Available types: [")
                .hasMessageContaining("inmemory");
    }

    @Test
    void ourOwnTypeWithoutItsJarGivesTheMavenCoordinates() {
        ConnectionRegistry registry = registry("");

        assertThatThrownBy(() -> registry.get("snowflake"))
                .isInstanceOf(UnknownConnectionTypeException.class)
                .hasMessageContaining("Unknown connection type 'snowflake'")
                .hasMessageContaining("io.connectionkit:connector-snowflake");
    }

    @Test
    void classNotFoundNamesTheClassLoadersTried() {
        ConnectionRegistry registry = registry("");

        assertThatThrownBy(() -> registry.get(name, "com.example.NoSuchConnection"))
                .isInstanceOf(UnknownConnectionTypeException.class)
                .hasMessageContaining("Class com.example.NoSuchConnection (given in code) was not found by the class loaders tried: [")
                .hasMessageContaining("app");
    }

    @Test
    void classThatIsNotAConnectionIsRejected() {
        ConnectionRegistry registry = registry("");

        assertThatThrownBy(() -> registry.get(name, "java.lang.String"))
                .isInstanceOf(UnknownConnectionTypeException.class)
                .hasMessageContaining("java.lang.String is neither a subclass of io.connectionkit.api.BaseConnection"
                        + " nor a io.connectionkit.api.ConnectionProvider");
    }

    @Test
    void askingForAnotherClassThanTheSecretsTypeIsAnError() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");

        assertThatThrownBy(() -> registry.get(name, PlainConnection.class))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("Connection '" + name + "' is of type inmemory, served by "
                        + InMemoryConnection.class.getName() + ", not " + PlainConnection.class.getName())
                .hasMessageContaining("(type set at secretsToml:2)");
        assertThat(counters().connects).hasValue(0);
    }

    /** A connector that checks its configuration before it creates a connection, and quotes it. */
    public static final class SelfCheckingProvider implements ConnectionProvider {
        @Override
        public String type() {
            return "selfchecking";
        }

        @Override
        public Class<? extends BaseConnection<?>> connectionClass() {
            return InMemoryConnection.class;
        }

        @Override
        public BaseConnection<?> create(ConnectionContext context) {
            ConnectionConfig config = context.config();
            throw new ConnectionConfigException(config.path() + ".url: no server at " + config.string("url").orElseThrow()
                    + " for token " + config.string("token").orElseThrow(), new IllegalStateException(
                    "tried " + config.string("token").orElseThrow()));
        }

        @Override
        public java.util.Set<String> sensitiveKeys() {
            return java.util.Set.of("token");
        }

        /** Its url is an http URL, whose user info is {@code user:password}: only this connector knows. */
        @Override
        public java.util.Collection<String> secretsIn(ConnectionConfig config) {
            String userInfo = java.net.URI.create(config.string("url").orElse("")).getUserInfo();
            return userInfo == null || userInfo.indexOf(':') < 0 ? java.util.List.of()
                    : java.util.List.of(userInfo.substring(userInfo.indexOf(':') + 1));
        }
    }

    @Test
    void theSecretsTheRegistryShowsMaskWhatItsConnectorsFindInsideValues() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n"
                + "url = \"https://app:hunter2-Pw@db.example\"\napi_key = \"key-canary-42\"\n");

        ConnectionConfig section = registry.secrets().table("connections." + name);

        assertThat(section.toString()).doesNotContain("hunter2-Pw", "key-canary-42")
                .contains("url=https://app:****@db.example", "api_key=****");
        assertThat(section.mask("login hunter2-Pw")).isEqualTo("login ****");
        assertThat(registry.secrets().get("connections." + name).map(Object::toString).orElseThrow())
                .doesNotContain("hunter2-Pw");
    }

    @Test
    void aConfigurationErrorThatAConnectorThrowsItselfShowsNoSecret() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \""
                + SelfCheckingProvider.class.getName() + "\"\nurl = \"https://app:hunter2-Pw@db.example\"\n"
                + "token = \"tok-canary-42\"\n");

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> registry.get(name));

        assertThat(thrown).isInstanceOf(ConnectionConfigException.class).hasMessage("connections." + name
                + ".url: no server at https://app:****@db.example for token ****");
        assertThat(thrown.getCause()).hasMessage("tried ****");
    }

    @Test
    void aNameWithDotsIsItsOwnQuotedSection() {
        ConnectionRegistry registry = registry("[connections.my]\ndb = \"x\"\n\n[connections.\"my.db\"]\n"
                + "type = \"inmemory\"\ndatabase = \"pets\"\n\n[connections.\"a..b\"]\ntype = \"inmemory\"\n");

        InMemoryConnection dotted = registry.get("my.db", InMemoryConnection.class);

        assertThat(dotted.instance().database).isEqualTo("pets");
        assertThat(dotted.config().path()).isEqualTo("connections.\"my.db\"");
        assertThat(registry.get("a..b")).isInstanceOf(InMemoryConnection.class);
        assertThatThrownBy(() -> registry.get("pets."))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("connections.\"pets.\"");
    }

    @Test
    void optionsThatDifferOnlyInTheirNumberClassAreOneConnection() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");

        BaseConnection<?> asInt = registry.request(name).option("port", 5432).option("ratio", 1.5f).get();
        BaseConnection<?> asLong = registry.request(name).option("port", 5432L).option("ratio", 1.5).get();

        assertThat(asLong).isSameAs(asInt);
        assertThat(asInt.config().value("port")).hasValue(5432L);
        assertThat(asInt.config().value("ratio")).hasValue(1.5);
    }

    @Test
    void resolvesEnvNames() {
        ConnectionRegistry registry = builder().environment(Map.of("PETS_DB", name))
                .secretsToml("[connections." + name + "]\ntype = \"inmemory\"\n").build();
        registries.add(registry);

        assertThat(registry.get("env:PETS_DB").name()).isEqualTo(name);
    }

    @Test
    void unsetEnvNameNamesTheVariable() {
        ConnectionRegistry registry = registry("");

        assertThatThrownBy(() -> registry.get("env:NO_SUCH_VARIABLE"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Connection name 'env:NO_SUCH_VARIABLE' refers to environment variable NO_SUCH_VARIABLE, which is not set");
    }

    @Test
    void sixtyFourThreadsConnectOnce() throws Exception {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");
        int threads = 64;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BaseConnection<?>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return registry.get(name);
                }));
            }
            BaseConnection<?> first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<BaseConnection<?>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counters().connects).hasValue(1);
    }

    @Test
    void failedCreationIsNotCachedAndMasksTheSecret() {
        String canary = "canary-Pw-8d1f";
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\nusername = \"amy\"\n"
                + "password = \"" + canary + "\"\nfail = true\n");

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> registry.get(name))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("Could not connect '" + name + "' (type inmemory")
                    .hasMessageContaining("cannot log in as amy with password ****")
                    .satisfies(e -> assertNoSecretInChain(e, canary));
            assertThat(counters().connects).hasValue(attempt);
        }
    }

    @Test
    void aFailedCreationReachesEveryCallerAndIsLoggedByNoOne() throws Exception {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\nfail = true\n");
        java.util.logging.Logger caffeine = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord logRecord) {
                logged.add(logRecord);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        caffeine.addHandler(handler);
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        registry.get(name);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionException.class)
                        .hasMessageContaining("Could not connect '" + name + "'");
            }
        } finally {
            pool.shutdownNow();
            caffeine.removeHandler(handler);
        }
        assertThat(logged).as("Caffeine's warnings about the failed creation").isEmpty();
    }

    private static void assertNoSecretInChain(Throwable error, String secret) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }

    @Test
    void optionsOverrideSecretsKeyByKey() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\ndatabase = \"pets\"\nusername = \"amy\"\n");

        InMemoryConnection connection = registry.request(name).option("database", "vets").get(InMemoryConnection.class);

        ConnectionConfig config = connection.config();
        assertThat(config.string("database")).hasValue("vets");
        assertThat(config.sourceOf("database")).hasValue(ConfigSource.OPTION);
        assertThat(config.string("username")).hasValue("amy");
        assertThat(config.sourceOf("username")).hasValue(ConfigSource.file("secretsToml", 4));
        assertThat(connection.instance().database).isEqualTo("vets");
    }

    @Test
    void differentOptionsAreDifferentConnections() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");

        BaseConnection<?> vets = registry.request(name).option("database", "vets").get();
        BaseConnection<?> pets = registry.request(name).option("database", "pets").get();

        assertThat(vets).isNotSameAs(pets);
        assertThat(registry.request(name).options(Map.of("database", "vets")).get()).isSameAs(vets);
    }

    @Test
    void optionThatCannotBeACacheKeyIsNamed() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");

        assertThatThrownBy(() -> registry.request(name).option("socket", new Object()).get())
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("Option 'socket' of connection '" + name + "' has a value of type java.lang.Object");
    }

    @Test
    void evictedConnectionIsClosed() {
        ConnectionRegistry registry = registry("");
        InMemoryConnection first = registry.request(name).type("inmemory").maxEntries(1).get(InMemoryConnection.class);

        registry.request(name + "-other").type("inmemory").maxEntries(1).get();
        registry.cleanUp();

        assertThat(first.isClosed()).isTrue();
        assertThat(counters().closes).hasValue(1);
    }

    @Test
    void differentCacheSettingsNeverEvictEachOther() {
        ConnectionRegistry registry = registry("");
        BaseConnection<?> small = registry.request(name).type("inmemory").maxEntries(1).get();

        registry.request(name + "-2").type("inmemory").maxEntries(2).get();
        registry.request(name + "-3").type("inmemory").ttl(Duration.ofHours(1)).get();
        registry.cleanUp();

        assertThat(small.isClosed()).isFalse();
        assertThat(registry.request(name).type("inmemory").maxEntries(1).get()).isSameAs(small);
    }

    @Test
    void expiredConnectionIsClosedAndCreatedAgain() {
        FakeTicker ticker = new FakeTicker();
        ConnectionRegistry registry = builder().ticker(ticker).build();
        registries.add(registry);
        BaseConnection<?> first = registry.request(name).type("inmemory").ttl(Duration.ofMinutes(5)).get();

        ticker.advance(Duration.ofMinutes(4));
        assertThat(registry.request(name).type("inmemory").ttl(Duration.ofMinutes(5)).get()).isSameAs(first);
        ticker.advance(Duration.ofMinutes(2));
        BaseConnection<?> second = registry.request(name).type("inmemory").ttl(Duration.ofMinutes(5)).get();

        assertThat(second).isNotSameAs(first);
        assertThat(first.isClosed()).isTrue();
        assertThat(counters().connects).hasValue(2);
    }

    @Test
    void expiredConnectionIsClosedWhenNobodyAsksForItAgain() {
        record WakeUp(Duration delay, Runnable cleanUp) {
        }
        FakeTicker ticker = new FakeTicker();
        List<WakeUp> wakeUps = new CopyOnWriteArrayList<>();
        RegistryBuilder builder = builder().connectionExpiry((executor, command, delay, unit) -> {
            wakeUps.add(new WakeUp(Duration.ofNanos(unit.toNanos(delay)), () -> executor.execute(command)));
            return new CompletableFuture<>();
        });
        ConnectionRegistry registry = builder.ticker(ticker).build();
        registries.add(registry);
        BaseConnection<?> first = registry.request(name).type("inmemory").ttl(Duration.ofMinutes(5)).get();

        assertThat(wakeUps).as("wake-ups asked for").singleElement().satisfies(wakeUp ->
                assertThat(wakeUp.delay()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(2)));
        ticker.advance(Duration.ofMinutes(5).plusSeconds(2));
        wakeUps.forEach(wakeUp -> wakeUp.cleanUp().run()); // what the timer does then; nobody uses the registry

        assertThat(first.isClosed()).isTrue();
        assertThat(counters().closes).hasValue(1);
    }

    @Test
    void closingTheRegistryClosesEveryConnection() {
        ConnectionRegistry registry = registry("");
        BaseConnection<?> a = registry.get(name + "-a", "inmemory");
        BaseConnection<?> b = registry.request(name + "-b").type("inmemory").ttl(Duration.ofHours(1)).get();

        registry.close();

        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
        assertThat(InMemoryConnection.counters(name + "-a").closes).hasValue(1);
        assertThatThrownBy(() -> registry.get(name + "-a", "inmemory")).isInstanceOf(ConnectionException.class)
                .hasMessage("This ConnectionRegistry is closed");
    }

    @Test
    void toStringNamesTheFileAndLineButNoSecret() throws IOException {
        writeSecrets("# pets\n\n[connections." + name + "]\ntype = \"inmemory\"\npassword = \"hunter2-canary\"\n"
                + "api_key = \"key-canary\"\n");
        ConnectionRegistry registry = builder().build();
        registries.add(registry);

        BaseConnection<?> connection = registry.get(name);

        assertThat(connection).hasToString("InMemoryConnection[name=" + name + ", type=inmemory, from=.streamlit/secrets.toml:3]");
        assertThat(connection.config().toString()).doesNotContain("hunter2-canary").doesNotContain("key-canary");
    }

    @Test
    void aConnectorRejectingItsConfigHearsWhereSecretsWereSought() throws IOException {
        ConnectionRegistry withoutFiles = builder().build();
        registries.add(withoutFiles);

        assertThatThrownBy(() -> withoutFiles.get(name, UrlConnection.class))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageStartingWith("connections." + name + ".url is required but missing")
                .hasMessageContaining("No secrets file was found; looked for: [" + home.resolve(".streamlit/secrets.toml"));

        writeSecrets("[connections.other]\ntype = \"inmemory\"\n");
        ConnectionRegistry withFile = builder().build();
        registries.add(withFile);

        assertThatThrownBy(() -> withFile.get(name, UrlConnection.class))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageEndingWith("The secrets ([.streamlit/secrets.toml]) have no [connections." + name + "] section."
                        + " Configured connections: other (with a type).");
    }

    @Test
    void aConnectionAskingForItselfWhileConnectingFailsInsteadOfHanging() {
        ConnectionRegistry registry = registry("");
        SelfAskingConnection.registry = registry;

        assertThatThrownBy(() -> registry.get(name, SelfAskingConnection.class))
                .isInstanceOf(ConnectionException.class)
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Connection '" + name + "' was asked for while it was being created on the same thread");
    }

    @Test
    void aConnectionClosedByItsUserIsCreatedAgainOnTheNextGet() {
        ConnectionRegistry registry = registry("[connections." + name + "]\ntype = \"inmemory\"\n");
        BaseConnection<?> first = registry.get(name);

        first.close();
        BaseConnection<?> second = registry.get(name);

        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).isFalse();
        assertThat(counters().connects).hasValue(2);
    }

    @Test
    void aNameWithAQuoteIsAConfigurationError() {
        ConnectionRegistry registry = registry("");

        assertThatThrownBy(() -> registry.get("bob's db", "inmemory"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Connection name 'bob's db' contains a quote; use letters, digits, '_', '-' and '.' in connection names");
    }

    @Test
    void aConnectorSeesTheHomeDirectoryAndEnvironmentTheRegistryWasGiven() {
        ConnectionRegistry registry = builder().environment(Map.of("SNOWFLAKE_HOME", "/opt/snow"))
                .secretsToml("[connections." + name + "]\ntype = \"" + ContextReadingConnection.class.getName() + "\"\n")
                .build();
        registries.add(registry);

        assertThat(registry.get(name, ContextReadingConnection.class).instance())
                .isEqualTo(home.toAbsolutePath().normalize() + " SNOWFLAKE_HOME=/opt/snow");
    }

    /** A connection whose client is what its context says of the home directory and environment. */
    public static final class ContextReadingConnection extends BaseConnection<String> {
        public ContextReadingConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return context().homeDirectory() + " SNOWFLAKE_HOME=" + context().environment().get("SNOWFLAKE_HOME");
        }
    }

    /** A connection that needs a url. */
    public static final class UrlConnection extends BaseConnection<String> {
        public UrlConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return config.requireString("url");
        }
    }

    /** A connection whose connect asks the registry for itself. */
    public static final class SelfAskingConnection extends BaseConnection<String> {
        static ConnectionRegistry registry;

        public SelfAskingConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return registry.get(name(), SelfAskingConnection.class).toString();
        }
    }

    /** A connection class that no provider serves, used as a type by class name. */
    public static final class PlainConnection extends BaseConnection<String> {
        public PlainConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return "connected to " + config.string("url").orElse("nothing");
        }
    }
}
