package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    private static final String PETS = """
            title = "Pet store"
            api_key = "sk-very-secret"

            [connections.pets]
            type = "sql"
            dialect = "postgresql"
            password = "hunter2"
            port = 5432
            hosts = ["db1", "db2"]
            opened = 2024-01-31

            [connections.pets.query]
            sslmode = "require"

            [connections."my.db"]
            url = "sqlite:///my.db"

            [[replicas]]
            host = "r1"

            [[replicas]]
            host = "r2"
            """;

    @TempDir
    Path root;

    private Secrets secrets(String toml) {
        return new SecretsLoader(List.of(), toml, root.resolve("home"), root.resolve("work"), Map.of(), Map.of()).load();
    }

    @Test
    void tableIsTheSectionWithTheSourceOfEveryKey() {
        ConnectionConfig pets = secrets(PETS).table("connections.pets");

        assertThat(pets.path()).isEqualTo("connections.pets");
        assertThat(pets.source()).isEqualTo(ConfigSource.file("secretsToml", 4));
        assertThat(pets.requireString("type")).isEqualTo("sql");
        assertThat(pets.integer("port")).contains(5432);
        assertThat(pets.sourceOf("port")).contains(ConfigSource.file("secretsToml", 8));
        assertThat(pets.keys()).containsExactly("type", "dialect", "password", "port", "hosts", "opened", "query");
    }

    @Test
    void valuesKeepTheirTomlTypes() {
        ConnectionConfig pets = secrets(PETS).table("connections.pets");

        assertThat(pets.list("hosts")).contains(List.of("db1", "db2"));
        assertThat(pets.value("opened")).contains(LocalDate.of(2024, 1, 31));
        assertThat(pets.value("port")).contains(5432L);
    }

    @Test
    void nestedTableIsANestedConfigurationWithSources() {
        ConnectionConfig query = secrets(PETS).table("connections.pets").table("query").orElseThrow();

        assertThat(query.path()).isEqualTo("connections.pets.query");
        assertThat(query.source()).isEqualTo(ConfigSource.file("secretsToml", 12));
        assertThat(query.string("sslmode")).contains("require");
        assertThat(query.sourceOf("sslmode")).contains(ConfigSource.file("secretsToml", 13));
    }

    @Test
    void arrayOfTablesIsAListOfConfigurations() {
        Object replicas = secrets(PETS).get("replicas").orElseThrow();

        assertThat(replicas).isInstanceOf(List.class);
        assertThat((List<?>) replicas).hasSize(2);
        ConnectionConfig second = (ConnectionConfig) ((List<?>) replicas).get(1);
        assertThat(second.path()).isEqualTo("replicas[1]");
        assertThat(second.string("host")).contains("r2");
        assertThat(second.sourceOf("host")).contains(ConfigSource.file("secretsToml", 22));
    }

    @Test
    void missingTableIsEmptyWithItsPath() {
        ConnectionConfig missing = secrets(PETS).table("connections.birds");

        assertThat(missing.isEmpty()).isTrue();
        assertThat(missing.path()).isEqualTo("connections.birds");
        assertThat(missing.source()).isEqualTo(ConfigSource.NONE);
    }

    @Test
    void getAndSourceOfFollowDottedPaths() {
        Secrets secrets = secrets(PETS);

        assertThat(secrets.get("connections.pets.query.sslmode")).contains("require");
        assertThat(secrets.sourceOf("connections.pets.query.sslmode")).contains(ConfigSource.file("secretsToml", 13));
        assertThat(secrets.get("title")).contains("Pet store");
        assertThat(secrets.get("connections.pets.user")).isEmpty();
        assertThat(secrets.sourceOf("nothing.here")).isEmpty();
        assertThat(secrets.get("connections.pets")).containsInstanceOf(ConnectionConfig.class);
    }

    @Test
    void keyWithDotsIsReachableQuotedUnquotedAndStepByStep() {
        Secrets secrets = secrets(PETS);

        assertThat(secrets.table("connections").table("my.db").orElseThrow().string("url")).contains("sqlite:///my.db");
        assertThat(secrets.table("connections.\"my.db\"").string("url")).contains("sqlite:///my.db");
        assertThat(secrets.table("connections.'my.db'").string("url")).contains("sqlite:///my.db");
        assertThat(secrets.table("connections.my.db").string("url")).contains("sqlite:///my.db");
        assertThat(secrets.sourceOf("connections.\"my.db\".url")).contains(ConfigSource.file("secretsToml", 16));
    }

    @Test
    void tableOfAValueNamesWhereTheValueIs() {
        assertThatThrownBy(() -> secrets(PETS).table("connections.pets.password"))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.password: expected a table but found a value (secretsToml:7)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedPathIsRejected() {
        Secrets secrets = secrets(PETS);

        assertThatThrownBy(() -> secrets.table("connections..pets"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Empty key in the secrets path 'connections..pets'");
        assertThatThrownBy(() -> secrets.get("connections.\"my.db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unclosed quote in the secrets path connections.\"my.db");
    }

    @Test
    void toStringShowsFilesAndTopLevelNamesButNoValue() throws IOException {
        Path file = Files.createDirectories(root.resolve("work/.streamlit")).resolve("secrets.toml");
        Files.writeString(file, "token = \"tok-123\"\n");
        Secrets secrets = new SecretsLoader(null, PETS, root.resolve("home"), root.resolve("work"), Map.of(), Map.of())
                .load();

        assertThat(secrets).hasToString("Secrets{files=[.streamlit/secrets.toml, secretsToml], "
                + "keys=[token, title, api_key, replicas], sections=[connections]}");
        assertThat(secrets.toString()).doesNotContain("tok-123", "sk-very-secret", "hunter2");
    }

    @Test
    void secretsOfTheSectionAreMaskedWhenShown() {
        ConnectionConfig pets = secrets(PETS).table("connections.pets");

        assertThat(pets.toString()).doesNotContain("hunter2");
        assertThat(pets.masked()).containsEntry("password", "****");
    }
}
