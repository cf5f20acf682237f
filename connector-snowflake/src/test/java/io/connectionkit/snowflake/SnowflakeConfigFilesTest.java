package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Snowflake's connections.toml and config.toml as its own tools do. */
class SnowflakeConfigFilesTest {

    private static final String CANARY = "canary-Pw-7Q";

    @TempDir
    Path home;

    private SnowflakeConfigFiles read(TestContext context) {
        return SnowflakeConfigFiles.read(context, SnowflakeSettings.SENSITIVE_KEYS);
    }

    @Test
    void missingFilesDefineNothing() {
        SnowflakeConfigFiles files = read(new TestContext("x", home));

        assertThat(files.connectionNames()).isEmpty();
        assertThat(files.connection("default")).isEmpty();
        assertThat(files.defaultConnection().name()).isEqualTo("default");
        assertThat(files.connectionsLocation()).isEqualTo("~/.snowflake/connections.toml");
        assertThat(files.configLocation()).isEqualTo("~/.snowflake/config.toml");
    }

    @Test
    void directoryIsSnowflakeHomeElseDotSnowflake() {
        assertThat(SnowflakeConfigFiles.directory(home, Map.of())).isEqualTo(home.resolve(".snowflake"));
        assertThat(SnowflakeConfigFiles.directory(home, Map.of("SNOWFLAKE_HOME", " "))).isEqualTo(home.resolve(".snowflake"));
        assertThat(SnowflakeConfigFiles.directory(home, Map.of("SNOWFLAKE_HOME", "/etc/sf"))).isEqualTo(Path.of("/etc/sf"));
        assertThat(SnowflakeConfigFiles.directory(home, Map.of("SNOWFLAKE_HOME", "~/sf"))).isEqualTo(home.resolve("sf"));
    }

    @Test
    void valuesKeepTheirLinesAndNestedTablesTheirs() {
        SnowflakeConfigFiles files = read(new TestContext("x", home).connectionsToml("""
                # comment
                [prod]
                account = "a"

                [prod.session_parameters]
                QUERY_TAG = "pets"
                """));

        ConnectionConfig prod = files.connection("prod").orElseThrow();
        assertThat(prod.source()).isEqualTo(ConfigSource.file("~/.snowflake/connections.toml", 2));
        assertThat(prod.sourceOf("account")).contains(ConfigSource.file("~/.snowflake/connections.toml", 3));
        ConnectionConfig parameters = prod.table("session_parameters").orElseThrow();
        assertThat(parameters.path()).isEqualTo("prod.session_parameters");
        assertThat(parameters.sourceOf("QUERY_TAG")).contains(ConfigSource.file("~/.snowflake/connections.toml", 6));
    }

    @Test
    void connectionNamesThatAreNoBareKeysAreQuotedInPaths() {
        SnowflakeConfigFiles files = read(new TestContext("x", home).connectionsToml("[\"my.conn\"]\naccount = \"a\"\n"));

        assertThat(files.connection("my.conn").orElseThrow().path()).isEqualTo("\"my.conn\"");
    }

    @Test
    void connectionNamesComeFromBothFiles() {
        SnowflakeConfigFiles files = read(new TestContext("x", home)
                .connectionsToml("default_connection_name = \"b\"\n[b]\naccount = \"b\"\n[a]\naccount = \"a\"\n")
                .configToml("[connections.c]\naccount = \"c\"\n[cli]\nenable = true\n"));

        assertThat(files.connectionNames()).containsExactly("a", "b", "c");
        assertThat(files.defaultConnection().name()).isEqualTo("b");
    }

    @Test
    void arraysKeepTheirElements() {
        SnowflakeConfigFiles files = read(new TestContext("x", home).connectionsToml("[p]\nlist = [1, \"two\"]\n"));

        assertThat(files.connection("p").orElseThrow().list("list")).contains(List.of(1L, "two"));
    }

    @Test
    void invalidTomlNamesFileLineAndColumnButNoText() {
        TestContext context = new TestContext("prod", home).connectionsToml("""
                [prod]
                account = "a"
                password = %s
                """.formatted(CANARY));

        assertThatThrownBy(context::resolve)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML at ~/.snowflake/connections.toml:3:12: unexpected text, expected a value."
                        + " Snowflake's tools cannot read this file either; fix it at that line and column.")
                .hasMessageNotContaining("canary")
                .hasMessageNotContaining("Pw")
                .hasMessageNotContaining("7Q");
    }

    @Test
    void invalidConfigTomlIsAnErrorToo() {
        TestContext context = new TestContext("snowflake", home).configToml("default_connection_name = \"x\n");

        assertThatThrownBy(context::resolve)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageStartingWith("Invalid TOML at ~/.snowflake/config.toml:1:");
    }

    @Test
    void parserWordsNeverQuoteTheText() {
        assertThat(SnowflakeToml.problem("Unexpected 'canary', expected a newline or end-of-input"))
                .isEqualTo("unexpected text, expected a newline or end-of-input");
        assertThat(SnowflakeToml.problem("Unexpected end of input, expected ' or \""))
                .isEqualTo("unexpected end of input, expected ' or \"");
        assertThat(SnowflakeToml.problem("Invalid floating point number: canary")).isEqualTo("Invalid floating point number");
        assertThat(SnowflakeToml.problem("Invalid escape sequence '\\q'")).isEqualTo("Invalid escape sequence");
        assertThat(SnowflakeToml.problem("'canary'")).isEqualTo("not valid TOML");
        assertThat(SnowflakeToml.problem(null)).isEqualTo("not valid TOML");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFile() {
        SnowflakeConfigFiles files = read(new TestContext("x", home).connectionsToml("\uFEFF[p]\naccount = \"a\"\n"));

        assertThat(files.connection("p")).isPresent();
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAnError() throws Exception {
        Files.createDirectories(home.resolve(".snowflake/connections.toml"));

        assertThatThrownBy(() -> read(new TestContext("x", home)))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Cannot read ~/.snowflake/connections.toml: it is a directory, not a TOML file.");
    }

    @Test
    void connectionsThatIsNoTableInConfigTomlIsAnError() {
        TestContext context = new TestContext("x", home).configToml("connections = 1\n");

        assertThatThrownBy(() -> read(context))
                .hasMessage("connections: expected a table of connections ([connections.<name>])"
                        + " (~/.snowflake/config.toml:1).");
    }

    @Test
    void fileValuesAreMaskedAsSecretsWhereTheirKeysSaySo() {
        SnowflakeConfigFiles files = read(new TestContext("x", home)
                .connectionsToml("[p]\naccount = \"a\"\npassword = \"" + CANARY + "\"\nprivate_key_file_pwd = \"kp\"\n"));

        ConnectionConfig p = files.connection("p").orElseThrow();
        assertThat(p.mask("said " + CANARY + " and kp")).isEqualTo("said **** and ****");
        assertThat(p.masked()).containsEntry("password", "****").containsEntry("account", "a");
        assertThat(Set.of("token", "private_key", "private_key_file_pwd")).allMatch(p::isSensitive);
    }
}
