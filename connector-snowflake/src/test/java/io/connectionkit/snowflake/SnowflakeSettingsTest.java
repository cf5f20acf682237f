package io.connectionkit.snowflake;

import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The URL, the driver's properties and the connector's own settings made from a configuration. */
class SnowflakeSettingsTest {

    @TempDir
    Path home;

    private TestContext context() {
        return new TestContext("sf", home).secret("account", "myorg-acct").secret("user", "ann");
    }

    @Test
    void urlDefaultsToTheAccountsHostOverHttps() {
        assertThat(context().resolve().jdbcUrl()).isEqualTo("jdbc:snowflake://myorg-acct.snowflakecomputing.com:443/");
    }

    @Test
    void urlOverHttpTurnsSslOffOnPort80() {
        assertThat(context().secret("protocol", "http").resolve().jdbcUrl())
                .isEqualTo("jdbc:snowflake://myorg-acct.snowflakecomputing.com:80/?ssl=off");
    }

    @Test
    void urlTakesTheHostAndPortGiven() {
        SnowflakeSettings settings = context().secret("host", "127.0.0.1").secret("port", 8085)
                .secret("protocol", "HTTP").resolve();

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:snowflake://127.0.0.1:8085/?ssl=off");
    }

    @Test
    void urlTakesAPortWrittenAsText() {
        assertThat(context().secret("host", "sf.example.com").secret("port", "8443").resolve().jdbcUrl())
                .isEqualTo("jdbc:snowflake://sf.example.com:8443/");
    }

    @Test
    void urlPutsAnIpv6HostInBrackets() {
        assertThat(context().secret("host", "::1").secret("port", 9000).resolve().jdbcUrl())
                .isEqualTo("jdbc:snowflake://[::1]:9000/");
    }

    @Test
    void urlOfAnAccountLocatorKeepsItsRegionWhileTheDriverGetsTheAccountName() {
        SnowflakeSettings settings = new TestContext("sf", home).secret("account", "xy12345.us-east-2.aws")
                .secret("user", "ann").resolve();

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:snowflake://xy12345.us-east-2.aws.snowflakecomputing.com:443/");
        assertThat(settings.driverProperties()).contains(entry("account", "xy12345"));
        assertThat(settings.account()).isEqualTo("xy12345.us-east-2.aws");
    }

    @Test
    void pythonConnectorKeysBecomeTheDriversProperties() {
        SnowflakeSettings settings = context()
                .secret("password", "pw")
                .secret("warehouse", "WH")
                .secret("database", "DB")
                .secret("schema", "PUBLIC")
                .secret("role", "ANALYST")
                .secret("authenticator", "snowflake_jwt")
                .secret("private_key_file", "/keys/rsa_key.p8")
                .secret("private_key_file_pwd", "key-pw")
                .secret("token", "tok")
                .secret("client_session_keep_alive", true)
                .secret("login_timeout", 30)
                .secret("network_timeout", 2.5)
                .secret("passcode_in_password", false)
                .secret("ocsp_fail_open", true)
                .secret("disable_ocsp_checks", false)
                .secret("client_store_temporary_credential", true)
                .secret("client_request_mfa_token", true)
                .resolve();

        assertThat(settings.driverProperties()).containsOnly(
                entry("account", "myorg-acct"),
                entry("user", "ann"),
                entry("password", "pw"),
                entry("warehouse", "WH"),
                entry("db", "DB"),
                entry("schema", "PUBLIC"),
                entry("role", "ANALYST"),
                entry("authenticator", "snowflake_jwt"),
                entry("private_key_file", "/keys/rsa_key.p8"),
                entry("private_key_file_pwd", "key-pw"),
                entry("token", "tok"),
                entry("CLIENT_SESSION_KEEP_ALIVE", "true"),
                entry("loginTimeout", "30"),
                entry("networkTimeout", "2500"),
                entry("passcodeInPassword", "false"),
                entry("ocspFailOpen", "true"),
                entry("disableOCSPChecks", "false"),
                entry("clientStoreTemporaryCredential", "true"),
                entry("clientRequestMfaToken", "true"));
    }

    @Test
    void connectorsOwnKeysAreNotPassedToTheDriver() {
        Properties properties = context().secret("type", "snowflake").secret("query_timeout", 5).secret("retry_wait", 0.5)
                .secret("host", "sf.example.com").secret("port", 443).secret("protocol", "https").resolve()
                .driverProperties();

        assertThat(properties.keySet()).containsOnly("account", "user");
    }

    @Test
    void otherKeysPassThroughAsText() {
        Properties properties = context().secret("timezone", "UTC").secret("CLIENT_PREFETCH_THREADS", 8)
                .secret("application", "pets").resolve().driverProperties();

        assertThat(properties).contains(entry("timezone", "UTC"), entry("CLIENT_PREFETCH_THREADS", "8"),
                entry("application", "pets"));
    }

    @Test
    void sessionParametersBecomeProperties() {
        Properties properties = context().secret("session_parameters", Map.of("QUERY_TAG", "pets", "TIMEZONE", "UTC"))
                .resolve().driverProperties();

        assertThat(properties).contains(entry("QUERY_TAG", "pets"), entry("TIMEZONE", "UTC"))
                .doesNotContainKey("session_parameters");
    }

    @Test
    void aTableUnderAnotherKeyIsAnError() {
        TestContext context = context().secret("proxy", Map.of("host", "p"));

        assertThatThrownBy(context::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.sf.proxy: expected a single value, which the JDBC driver takes as a connection"
                        + " property or session parameter, but found a table (.streamlit/secrets.toml:4)."
                        + " Only session_parameters may be a table.");
    }

    @Test
    void driverPropertiesAreAFreshCopyEachCall() {
        SnowflakeSettings settings = context().resolve();
        settings.driverProperties().setProperty("user", "mallory");

        assertThat(settings.driverProperties()).contains(entry("user", "ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
    void aLoopbackHostTurnsPlatformDetectionOff(String host) {
        assertThat(context().secret("host", host).resolve().driverProperties())
                .contains(entry("disablePlatformDetection", "true"));
    }

    @Test
    void aLoopbackHostTurnsPlatformDetectionOffWhateverTheConfigurationSays() {
        assertThat(context().secret("host", "localhost").secret("disablePlatformDetection", false).resolve()
                .driverProperties()).contains(entry("disablePlatformDetection", "true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"myorg-acct.snowflakecomputing.com", "128.0.0.1", "localhost.example.com", "10.0.0.1"})
    void anotherHostLeavesPlatformDetectionAlone(String host) {
        assertThat(context().secret("host", host).resolve().driverProperties())
                .doesNotContainKey("disablePlatformDetection");
    }

    @Test
    void noHostLeavesPlatformDetectionAlone() {
        assertThat(context().resolve().driverProperties()).doesNotContainKey("disablePlatformDetection");
    }

    @Test
    void privateKeyFileStartingWithTildeIsUnderTheHomeDirectory() {
        assertThat(context().secret("private_key_file", "~/.ssh/rsa_key.p8").resolve().driverProperties())
                .contains(entry("private_key_file", home.resolve(".ssh/rsa_key.p8").toString()));
    }

    @Test
    void timeoutsAndRetryWaitHaveDefaults() {
        SnowflakeSettings settings = context().resolve();

        assertThat(settings.queryTimeout()).isNull();
        assertThat(settings.retryWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.loginTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void timeoutsAndRetryWaitAreSeconds() {
        SnowflakeSettings settings = context().secret("query_timeout", 2.5).secret("retry_wait", 0.25)
                .secret("login_timeout", "45").resolve();

        assertThat(settings.queryTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.retryWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.loginTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void queryTimeoutOfZeroIsNoLimit() {
        assertThat(context().secret("query_timeout", 0).resolve().queryTimeout()).isNull();
    }

    @Test
    void loginTimeoutWithAFractionIsRoundedUpForTheDriver() {
        SnowflakeSettings settings = context().secret("login_timeout", 0.2).resolve();

        assertThat(settings.loginTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.driverProperties()).contains(entry("loginTimeout", "1"));
    }

    @Test
    void databaseSchemaWarehouseAndRoleAreOptional() {
        SnowflakeSettings bare = context().resolve();
        SnowflakeSettings full = context().secret("database", "D").secret("schema", "S").secret("warehouse", "W")
                .secret("role", "R").resolve();

        assertThat(bare.database()).isEmpty();
        assertThat(bare.schema()).isEmpty();
        assertThat(bare.warehouse()).isEmpty();
        assertThat(bare.role()).isEmpty();
        assertThat(full.database()).contains("D");
        assertThat(full.schema()).contains("S");
        assertThat(full.warehouse()).contains("W");
        assertThat(full.role()).contains("R");
    }

    @Test
    void toStringShowsWhereFromAndWhereTo() {
        assertThat(context().secret("database", "D").secret("password", "pw-value").resolve())
                .hasToString("SnowflakeSettings[from=.streamlit/secrets.toml:1,"
                        + " url=jdbc:snowflake://myorg-acct.snowflakecomputing.com:443/, account=myorg-acct, user=ann,"
                        + " database=D, properties=[account, db, password, user], queryTimeout=null, retryWait=PT1S,"
                        + " loginTimeout=PT2M]");
    }
}
