package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import io.connectionkit.snowflake.driver.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the settings come from: secrets, options, Snowflake's default connection, or a named one. */
class SnowflakeSettingsResolutionTest {

    @TempDir
    Path home;

    private static final String FILE_CONNECTIONS = """
            default_connection_name = "from_connections_toml"

            [default]
            account = "file-default"
            user = "file-user"

            [prod]
            account = "file-prod"
            user = "prod-user"
            database = "SALES"

            [from_connections_toml]
            account = "chosen-in-connections"
            user = "u"
            """;

    @Test
    void secretsSectionWinsOverSnowflakeFiles() {
        SnowflakeSettings settings = new TestContext("snowflake", home).connectionsToml(FILE_CONNECTIONS)
                .secret("account", "secret-acc").secret("user", "secret-user").resolve();

        assertThat(settings.account()).isEqualTo("secret-acc");
        assertThat(settings.user()).isEqualTo("secret-user");
        assertThat(settings.source()).isEqualTo(".streamlit/secrets.toml:1");
        assertThat(settings.config().sourceOf("account")).contains(ConfigSource.file(".streamlit/secrets.toml", 2));
    }

    @Test
    void secretsSectionOfAnyNameIsUsedAsIs() {
        SnowflakeSettings settings = new TestContext("prod", home).connectionsToml(FILE_CONNECTIONS)
                .secret("account", "secret-acc").secret("user", "u").resolve();

        assertThat(settings.account()).isEqualTo("secret-acc");
        assertThat(settings.database()).isEmpty();
    }

    @Test
    void optionsWinOverSecrets() {
        SnowflakeSettings settings = new TestContext("pets", home)
                .secret("account", "secret-acc").secret("user", "secret-user").secret("warehouse", "WH_S")
                .option("warehouse", "WH_OPT").resolve();

        assertThat(settings.warehouse()).contains("WH_OPT");
        assertThat(settings.user()).isEqualTo("secret-user");
        assertThat(settings.config().sourceOf("warehouse")).contains(ConfigSource.OPTION);
        assertThat(settings.source()).isEqualTo(".streamlit/secrets.toml:1");
    }

    @Test
    void optionsWinOverAConnectionFromTheFiles() {
        SnowflakeSettings settings = new TestContext("prod", home).connectionsToml(FILE_CONNECTIONS)
                .option("database", "OPT_DB").resolve();

        assertThat(settings.account()).isEqualTo("file-prod");
        assertThat(settings.database()).contains("OPT_DB");
        assertThat(settings.source()).isEqualTo("~/.snowflake/connections.toml:7");
    }

    @Test
    void onlyOptionsDoNotCountAsASecretsSection() {
        SnowflakeSettings settings = new TestContext("snowflake", home).connectionsToml(FILE_CONNECTIONS)
                .option("role", "ANALYST").resolve();

        assertThat(settings.account()).isEqualTo("chosen-in-connections");
        assertThat(settings.role()).contains("ANALYST");
    }

    @Test
    void nameSnowflakeUsesTheDefaultConnection() {
        SnowflakeSettings settings = new TestContext("snowflake", home)
                .connectionsToml("[default]\naccount = \"d-acc\"\nuser = \"d\"\n").resolve();

        assertThat(settings.account()).isEqualTo("d-acc");
        assertThat(settings.source()).isEqualTo("~/.snowflake/connections.toml:1");
    }

    @Test
    void nameDefaultUsesTheDefaultConnection() {
        SnowflakeSettings settings = new TestContext("default", home)
                .env(SnowflakeConfigFiles.DEFAULT_NAME_VARIABLE, "prod").connectionsToml(FILE_CONNECTIONS).resolve();

        assertThat(settings.account()).isEqualTo("file-prod");
    }

    @Test
    void defaultConnectionIsChosenByTheEnvironmentVariableFirst() {
        SnowflakeSettings settings = new TestContext("snowflake", home)
                .env(SnowflakeConfigFiles.DEFAULT_NAME_VARIABLE, "prod")
                .configToml("default_connection_name = \"default\"\n")
                .connectionsToml(FILE_CONNECTIONS).resolve();

        assertThat(settings.account()).isEqualTo("file-prod");
    }

    @Test
    void defaultConnectionIsChosenByConfigTomlWhenTheVariableIsUnset() {
        SnowflakeSettings settings = new TestContext("snowflake", home)
                .configToml("default_connection_name = \"prod\"\n")
                .connectionsToml(FILE_CONNECTIONS).resolve();

        assertThat(settings.account()).isEqualTo("file-prod");
    }

    @Test
    void defaultConnectionIsChosenByConnectionsTomlWhenConfigTomlSetsNone() {
        SnowflakeSettings settings = new TestContext("snowflake", home).connectionsToml(FILE_CONNECTIONS).resolve();

        assertThat(settings.account()).isEqualTo("chosen-in-connections");
    }

    @Test
    void defaultConnectionIsNamedDefaultWhenNothingChoosesOne() {
        SnowflakeSettings settings = new TestContext("snowflake", home)
                .connectionsToml("[prod]\naccount = \"p\"\nuser = \"u\"\n[default]\naccount = \"d\"\nuser = \"u\"\n")
                .resolve();

        assertThat(settings.account()).isEqualTo("d");
    }

    @Test
    void namedConnectionComesFromConnectionsToml() {
        SnowflakeSettings settings = new TestContext("prod", home).connectionsToml(FILE_CONNECTIONS).resolve();

        assertThat(settings.account()).isEqualTo("file-prod");
        assertThat(settings.user()).isEqualTo("prod-user");
        assertThat(settings.database()).contains("SALES");
        assertThat(settings.config().path()).isEqualTo("prod");
        assertThat(settings.config().sourceOf("database")).contains(ConfigSource.file("~/.snowflake/connections.toml", 10));
    }

    @Test
    void namedConnectionComesFromConfigToml() {
        SnowflakeSettings settings = new TestContext("dev", home).configToml("""
                default_connection_name = "dev"

                [connections.dev]
                account = "cfg-dev"
                user = "dev-user"
                """).resolve();

        assertThat(settings.account()).isEqualTo("cfg-dev");
        assertThat(settings.config().path()).isEqualTo("connections.dev");
        assertThat(settings.source()).isEqualTo("~/.snowflake/config.toml:3");
        assertThat(settings.config().sourceOf("user")).contains(ConfigSource.file("~/.snowflake/config.toml", 5));
    }

    @Test
    void connectionsTomlWinsOverConfigTomlForTheSameNameWhole() {
        SnowflakeSettings settings = new TestContext("dev", home)
                .configToml("[connections.dev]\naccount = \"from-config\"\nuser = \"u\"\nrole = \"CONFIG_ROLE\"\n")
                .connectionsToml("[dev]\naccount = \"from-connections\"\nuser = \"u\"\n").resolve();

        assertThat(settings.account()).isEqualTo("from-connections");
        assertThat(settings.role()).as("the connection is taken whole, not merged key by key").isEmpty();
    }

    @Test
    void snowflakeHomeVariableNamesTheDirectory() {
        Path elsewhere = home.resolve("sf-home");
        TestContext context = new TestContext("prod", home).env(SnowflakeConfigFiles.HOME_VARIABLE, elsewhere.toString())
                .connectionsToml("[prod]\naccount = \"in-dot-snowflake\"\nuser = \"u\"\n")
                .write(elsewhere.resolve("connections.toml"), "[prod]\naccount = \"in-snowflake-home\"\nuser = \"u\"\n");

        SnowflakeSettings settings = context.resolve();

        assertThat(settings.account()).isEqualTo("in-snowflake-home");
        assertThat(settings.source()).isEqualTo("~/sf-home/connections.toml:1");
    }

    @Test
    void snowflakeHomeOutsideTheHomeDirectoryIsShownAbsolute(@TempDir Path elsewhere) {
        TestContext context = new TestContext("prod", home).env(SnowflakeConfigFiles.HOME_VARIABLE, elsewhere.toString())
                .write(elsewhere.resolve("connections.toml"), "\n[prod]\naccount = \"a\"\nuser = \"u\"\n");

        assertThat(context.resolve().source())
                .isEqualTo(elsewhere.toAbsolutePath().normalize().resolve("connections.toml") + ":2");
    }

    @Test
    void snowflakeHomeMayStartWithTilde() {
        TestContext context = new TestContext("prod", home).env(SnowflakeConfigFiles.HOME_VARIABLE, "~/cfg")
                .write(home.resolve("cfg/config.toml"), "[connections.prod]\naccount = \"a\"\nuser = \"u\"\n");

        assertThat(context.resolve().source()).isEqualTo("~/cfg/config.toml:1");
    }

    @Test
    void defaultNameWithOnlyOptionsAndNoFilesUsesTheOptionsAlone() {
        SnowflakeSettings settings = new TestContext("snowflake", home)
                .option("account", "opt-acc").option("user", "opt-user").resolve();

        assertThat(settings.account()).isEqualTo("opt-acc");
        assertThat(settings.source()).isEqualTo("option");
    }

    @Test
    void nothingFoundForANamedConnectionListsEveryPlaceLookedAt() {
        TestContext context = new TestContext("analytics", home).connectionsToml(FILE_CONNECTIONS);

        assertThatThrownBy(context::resolve)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("No Snowflake configuration for connection 'analytics'. Looked for: [connections.analytics]"
                        + " in secrets.toml; a connection named 'analytics' as [analytics] in"
                        + " ~/.snowflake/connections.toml (not there) and [connections.analytics] in"
                        + " ~/.snowflake/config.toml (no such file). Connections in Snowflake's files: default,"
                        + " from_connections_toml, prod. Add a [connections.analytics] section with account, user and"
                        + " password to .streamlit/secrets.toml, or a [analytics] connection to"
                        + " ~/.snowflake/connections.toml.");
    }

    @Test
    void nothingFoundForTheDefaultConnectionSaysWhatChoseItsName() {
        TestContext context = new TestContext("snowflake", home);

        assertThatThrownBy(context::resolve)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("No Snowflake configuration for connection 'snowflake'. Looked for: [connections.snowflake]"
                        + " in secrets.toml; Snowflake's default connection, 'default' (neither"
                        + " SNOWFLAKE_DEFAULT_CONNECTION_NAME nor default_connection_name (in ~/.snowflake/config.toml or"
                        + " ~/.snowflake/connections.toml) is set), as [default] in ~/.snowflake/connections.toml"
                        + " (no such file) and [connections.default] in ~/.snowflake/config.toml (no such file)."
                        + " Add a [connections.snowflake] section with account, user and password to"
                        + " .streamlit/secrets.toml, or a [default] connection to ~/.snowflake/connections.toml, or give"
                        + " account, user and password as options in code.");
    }

    @Test
    void nothingFoundNamesTheVariableThatChoseTheDefaultAndSuggestsANearName() {
        TestContext context = new TestContext("default", home).env(SnowflakeConfigFiles.DEFAULT_NAME_VARIABLE, "prd")
                .connectionsToml(FILE_CONNECTIONS);

        assertThatThrownBy(context::resolve)
                .hasMessageContaining("Snowflake's default connection, 'prd' (environment variable"
                        + " SNOWFLAKE_DEFAULT_CONNECTION_NAME), as [prd] in ~/.snowflake/connections.toml (not there)")
                .hasMessageContaining("Did you mean prod?");
    }

    @Test
    void nothingFoundNamesTheKeyThatChoseTheDefault() {
        TestContext context = new TestContext("snowflake", home).configToml("\ndefault_connection_name = \"gone\"\n");

        assertThatThrownBy(context::resolve)
                .hasMessageContaining("'gone' (default_connection_name at ~/.snowflake/config.toml:2)");
    }

    @Test
    void aDefaultConnectionNameThatIsNoStringIsAnError() {
        TestContext context = new TestContext("snowflake", home).configToml("default_connection_name = 3\n");

        assertThatThrownBy(context::resolve)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("default_connection_name: expected the name of a connection, as a string"
                        + " (~/.snowflake/config.toml:1).");
    }

    @Test
    void filesAreNotReadWhenTheSecretsConfigureTheConnection() {
        SnowflakeSettings settings = new TestContext("snowflake", home).connectionsToml("this is = = not toml")
                .secret("account", "a").secret("user", "u").resolve();

        assertThat(settings.account()).isEqualTo("a");
    }

    @Test
    void privateKeyOfAFileConnectionIsParsedFromItsMultiLineString() {
        KeyPair keys = TestKeys.generate();
        String pem = TestKeys.pem(keys.getPrivate());
        SnowflakeSettings settings = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\nuser = \"u\"\nprivate_key = \"\"\"\n" + pem + "\"\"\"\n").resolve();

        assertThat(settings.driverProperties().get("privateKey")).isEqualTo(keys.getPrivate());
        String body = pem.lines().skip(1).findFirst().orElseThrow();
        assertThat(settings.config().mask(pem)).doesNotContain(body);
    }
}
