package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest {

    private static final String FILE = ".streamlit/secrets.toml";

    private static ConfigSource line(int line) {
        return ConfigSource.file(FILE, line);
    }

    /** The {@code [connections.pets]} section as the core would read it from secrets.toml. */
    private static ConnectionConfig.Builder petsSection() {
        return ConnectionConfig.builder("connections.pets").source(line(3))
                .put("dialect", "postgresql", line(4))
                .put("host", "db.example.com", line(5))
                .put("username", "pets", line(6))
                .put("port", "abc", line(7))
                .put("query", Map.of("sslmode", "require", "connect_timeout", 10L), line(8));
    }

    @Test
    void optionsOverrideTheSecretsSectionKeyByKey() {
        ConnectionConfig config = petsSection()
                .put("port", 6543, ConfigSource.OPTION)
                .put("autocommit", true, ConfigSource.OPTION)
                .build();

        assertThat(config.integer("port")).contains(6543);
        assertThat(config.string("host")).contains("db.example.com");
        assertThat(config.bool("autocommit")).contains(true);
        assertThat(config.sourceOf("port")).contains(ConfigSource.OPTION);
        assertThat(config.sourceOf("host")).contains(line(5));
        assertThat(config.source()).isEqualTo(line(3));
    }

    @Test
    void optionTablesMergeWithSecretTablesKeyByKey() {
        ConnectionConfig config = petsSection()
                .put("query", Map.of("sslmode", "disable", "application_name", "pets-app"), ConfigSource.OPTION)
                .build();

        ConnectionConfig query = config.table("query").orElseThrow();
        assertThat(query.asMap()).containsOnly(Map.entry("sslmode", "disable"), Map.entry("connect_timeout", 10L),
                Map.entry("application_name", "pets-app"));
        assertThat(query.sourceOf("sslmode")).contains(ConfigSource.OPTION);
        assertThat(query.sourceOf("connect_timeout")).contains(line(8));
        assertThat(query.path()).isEqualTo("connections.pets.query");
    }

    @Test
    void aScalarOptionReplacesATable() {
        ConnectionConfig config = petsSection().put("query", "sslmode=disable", ConfigSource.OPTION).build();

        assertThat(config.string("query")).contains("sslmode=disable");
    }

    @Test
    void keysKeepTheOrderTheyWereFirstDefinedIn() {
        ConnectionConfig config = petsSection().put("host", "other", ConfigSource.OPTION)
                .put("database", "pets", ConfigSource.OPTION).build();

        assertThat(config.keys()).containsExactly("dialect", "host", "username", "port", "query", "database");
    }

    @Test
    void typedGettersConvertCompatibleValues() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(
                "port", "5432", "timeout", 30L, "ratio", "0.5", "ssl", "TRUE", "max", 1.5,
                "hosts", List.of("a", "b"), "created", LocalDate.of(2024, 1, 2)));

        assertThat(config.integer("port")).contains(5432);
        assertThat(config.longValue("port")).contains(5432L);
        assertThat(config.string("timeout")).contains("30");
        assertThat(config.integer("timeout")).contains(30);
        assertThat(config.number("ratio")).contains(0.5);
        assertThat(config.number("timeout")).contains(30.0);
        assertThat(config.bool("ssl")).contains(true);
        assertThat(config.string("max")).contains("1.5");
        assertThat(config.list("hosts")).contains(List.of("a", "b"));
        assertThat(config.value("created")).contains(LocalDate.of(2024, 1, 2));
    }

    @Test
    void numbersGivenAsTextMustBeDecimal() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(
                "a", " -1.5e3 ", "b", ".5", "nan", "NaN", "inf", "Infinity", "hex", "0x1p3", "suffix", "2d"));

        assertThat(config.number("a")).contains(-1500.0);
        assertThat(config.number("b")).contains(0.5);
        for (String key : List.of("nan", "inf", "hex", "suffix")) {
            assertThatThrownBy(() -> config.number(key)).isInstanceOf(ConnectionConfigException.class)
                    .hasMessageContaining("connections.pets." + key + ": expected a number");
        }
    }

    @Test
    void absentKeysAreEmptyForEveryGetter() {
        ConnectionConfig config = ConnectionConfig.empty("connections.pets");

        assertThat(config.isEmpty()).isTrue();
        assertThat(config.contains("host")).isFalse();
        assertThat(config.string("host")).isEmpty();
        assertThat(config.integer("host")).isEmpty();
        assertThat(config.longValue("host")).isEmpty();
        assertThat(config.number("host")).isEmpty();
        assertThat(config.bool("host")).isEmpty();
        assertThat(config.list("host")).isEmpty();
        assertThat(config.table("host")).isEmpty();
        assertThat(config.value("host")).isEmpty();
        assertThat(config.sourceOf("host")).isEmpty();
    }

    @Test
    void wrongTypeNamesKeyKindAndLineButNeverTheValue() {
        ConnectionConfig config = petsSection().build();

        assertThatThrownBy(() -> config.integer("port")).isExactlyInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.port: expected an integer but found a string (.streamlit/secrets.toml:7)");
        assertThatThrownBy(() -> config.bool("host"))
                .hasMessage("connections.pets.host: expected a boolean but found a string (.streamlit/secrets.toml:5)");
        assertThatThrownBy(() -> config.string("query"))
                .hasMessage("connections.pets.query: expected a string but found a table (.streamlit/secrets.toml:8)");
        assertThatThrownBy(() -> config.table("dialect"))
                .hasMessage("connections.pets.dialect: expected a table but found a string (.streamlit/secrets.toml:4)");
    }

    @Test
    void wrongTypeInANestedTableNamesTheFullPath() {
        ConnectionConfig query = petsSection().build().table("query").orElseThrow();

        assertThatThrownBy(() -> query.bool("connect_timeout"))
                .hasMessage("connections.pets.query.connect_timeout: expected a boolean but found an integer (.streamlit/secrets.toml:8)");
    }

    @Test
    void integerOutOfIntRangeIsAWrongType() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").put("port", 3_000_000_000L, line(7)).build();

        assertThat(config.longValue("port")).contains(3_000_000_000L);
        assertThatThrownBy(() -> config.integer("port")).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.port: expected an integer between -2147483648 and 2147483647"
                        + " but found one outside that range (.streamlit/secrets.toml:7)");
    }

    @Test
    void fractionalNumberIsNotAnInteger() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").put("port", 5432.5, line(7)).build();

        assertThatThrownBy(() -> config.integer("port"))
                .hasMessage("connections.pets.port: expected an integer but found a number (.streamlit/secrets.toml:7)");
    }

    @Test
    void wrongTypedSecretIsNotShown() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .put("password", "hunter2", line(9)).put("api_token", 123456789L, line(10)).build();

        assertThatThrownBy(() -> config.integer("password"))
                .hasMessage("connections.pets.password: expected an integer but found a string (.streamlit/secrets.toml:9)");
        assertThatThrownBy(() -> config.bool("api_token"))
                .hasMessage("connections.pets.api_token: expected a boolean but found an integer (.streamlit/secrets.toml:10)");
    }

    @Test
    void wrongTypedUrlIsNotShown() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .put("url", "postgresql://pets:hunter2@db/pets", line(4)).build();

        assertThatThrownBy(() -> config.integer("url"))
                .hasMessage("connections.pets.url: expected an integer but found a string (.streamlit/secrets.toml:4)");
    }

    @Test
    void requireStringNamesTheMissingKeyAndTheSection() {
        ConnectionConfig config = petsSection().put("database", "  ", line(9)).build();

        assertThat(config.requireString("host")).isEqualTo("db.example.com");
        assertThatThrownBy(() -> config.requireString("password")).isExactlyInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.password is required but missing (section defined at .streamlit/secrets.toml:3)");
        assertThatThrownBy(() -> config.requireString("database"))
                .hasMessage("connections.pets.database is required but blank (.streamlit/secrets.toml:9)");
        assertThatThrownBy(() -> ConnectionConfig.empty("connections.pets").requireString("url"))
                .hasMessage("connections.pets.url is required but missing");
    }

    @Test
    void everyValueKnowsItsSource() {
        ConnectionConfig config = petsSection().put("database", "pets", ConfigSource.OPTION).build();

        assertThat(config.sourceOf("dialect")).contains(line(4));
        assertThat(config.sourceOf("database")).contains(ConfigSource.OPTION);
        assertThat(config.sourceOf("database").orElseThrow()).hasToString("option");
        assertThat(config.table("query").orElseThrow().source()).isEqualTo(line(8));
        assertThat(ConnectionConfig.of("connections.x", Map.of("a", 1)).source()).isEqualTo(ConfigSource.OPTION);
    }

    @Test
    void asMapIsImmutableAllTheWayDown() {
        ConnectionConfig config = petsSection().put("hosts", List.of("a", "b"), line(9)).build();
        Map<String, Object> map = config.asMap();

        assertThat(map).containsEntry("host", "db.example.com").containsEntry("hosts", List.of("a", "b"));
        assertThatThrownBy(() -> map.put("host", "evil")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) map.get("query");
        assertThat(query).containsEntry("sslmode", "require");
        assertThatThrownBy(() -> query.put("sslmode", "disable")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> hosts = (List<Object>) map.get("hosts");
        assertThatThrownBy(() -> hosts.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changingTheGivenMapOrListAfterwardsChangesNothing() {
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> hosts = new ArrayList<>(List.of("a"));
        options.put("hosts", hosts);
        ConnectionConfig config = ConnectionConfig.of("connections.pets", options);

        options.put("port", 1);
        hosts.add("b");

        assertThat(config.keys()).containsExactly("hosts");
        assertThat(config.list("hosts")).contains(List.of("a"));
    }

    @Test
    void aMapOptionIsSeenAsATable() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets",
                Map.of("create_engine_kwargs", Map.of("pool_size", 5, "echo", true)));

        ConnectionConfig kwargs = config.table("create_engine_kwargs").orElseThrow();
        assertThat(kwargs.integer("pool_size")).contains(5);
        assertThat(kwargs.sourceOf("echo")).contains(ConfigSource.OPTION);
        assertThat(kwargs.path()).isEqualTo("connections.pets.create_engine_kwargs");
        assertThat(config.asMap().get("create_engine_kwargs")).isInstanceOf(Map.class);
    }

    @Test
    void putAllOverlaysAnotherConfigurationKeepingItsSources() {
        ConnectionConfig secrets = petsSection().build();
        ConnectionConfig options = ConnectionConfig.of("connections.pets", Map.of("port", 5433));

        ConnectionConfig merged = ConnectionConfig.builder("connections.pets").putAll(secrets).putAll(options).build();

        assertThat(merged.integer("port")).contains(5433);
        assertThat(merged.sourceOf("host")).contains(line(5));
        assertThat(merged.source()).as("the first non-empty source").isEqualTo(line(3));
    }

    @Test
    void nullValueIsRejectedNamingTheKey() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections.pets");

        assertThatIllegalArgumentException().isThrownBy(() -> builder.put("port", null, ConfigSource.OPTION))
                .withMessage("connections.pets.port: a configuration value must not be null");
        assertThatNullPointerException().isThrownBy(() -> builder.put(null, 1, ConfigSource.OPTION)).withMessage("key");
        assertThatNullPointerException().isThrownBy(() -> ConnectionConfig.of("connections.pets", null))
                .withMessage("options");
    }

    @Test
    void equalWhenValuesAreEqualWhereverTheyCameFrom() {
        ConnectionConfig fromFile = ConnectionConfig.builder("connections.pets").put("host", "db", line(5)).build();
        ConnectionConfig fromOption = ConnectionConfig.of("connections.pets", Map.of("host", "db"));

        assertThat(fromFile).isEqualTo(fromOption).hasSameHashCodeAs(fromOption);
        assertThat(fromFile).isNotEqualTo(ConnectionConfig.of("connections.pets", Map.of("host", "other")));
        assertThat(fromFile).isNotEqualTo(ConnectionConfig.of("connections.other", Map.of("host", "db")));
    }

    @Test
    void nearestKeyIsTheValidKeyFewestEditsAwayIgnoringCase() {
        List<String> valid = List.of("host", "port", "username", "password", "database");

        assertThat(ConnectionConfig.nearestKey("usernme", valid)).hasValue("username");
        assertThat(ConnectionConfig.nearestKey("PASWORD", valid)).hasValue("password");
        assertThat(ConnectionConfig.nearestKey("pest", List.of("vets", "pets", "scratch"))).hasValue("pets");
        assertThat(ConnectionConfig.nearestKey("prot", valid)).hasValue("port");
    }

    @Test
    void nearestKeyFallsBackToAValidKeyThatStartsWithTheKey() {
        List<String> valid = List.of("host", "username", "database");

        assertThat(ConnectionConfig.nearestKey("user", valid)).hasValue("username");
        assertThat(ConnectionConfig.nearestKey("us", valid)).as("too short to be a start").isEmpty();
    }

    @Test
    void nearestKeyIsEmptyWhenNoValidKeyIsNear() {
        assertThat(ConnectionConfig.nearestKey("warehouse", List.of("pets", "scratch", "my.db"))).isEmpty();
        assertThat(ConnectionConfig.nearestKey("ab", List.of("xy"))).as("every letter changed").isEmpty();
        assertThat(ConnectionConfig.nearestKey("pets", List.of())).isEmpty();
    }
}
