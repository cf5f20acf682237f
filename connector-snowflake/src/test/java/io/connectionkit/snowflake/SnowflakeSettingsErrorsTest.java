package io.connectionkit.snowflake;

import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Missing and bad settings: each error names the key and where it was set, never a value. */
class SnowflakeSettingsErrorsTest {

    @TempDir
    Path home;

    @Test
    void missingAccountNamesTheSecretsSection() {
        TestContext context = new TestContext("sf", home).secret("user", "ann");

        assertThatThrownBy(context::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.sf.account is required but missing (section [connections.sf] at"
                        + " .streamlit/secrets.toml:1).");
    }

    @Test
    void missingUserNamesTheFileConnection() {
        TestContext context = new TestContext("prod", home).connectionsToml("\n[prod]\naccount = \"a\"\n");

        assertThatThrownBy(context::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("prod.user is required but missing (section [prod] at ~/.snowflake/connections.toml:2).");
    }

    @Test
    void missingUserSuggestsAKeyThatLooksMeant() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("username", "ann");

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.user is required but missing (section [connections.sf] at"
                        + " .streamlit/secrets.toml:1). username is set (.streamlit/secrets.toml:3): did you mean user?");
    }

    @Test
    void missingAccountFromOptionsAloneSaysSo() {
        TestContext context = new TestContext("snowflake", home).option("user", "ann");

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.snowflake.account is required but missing (section [connections.snowflake]"
                        + " from options).");
    }

    @Test
    void aSecretUnderANameTheDriverDoesNotKnowIsRefusedUnseen() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "ann")
                .secret("api_secret", "canary-Api-9z");

        assertThatThrownBy(context::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("connections.sf.api_secret: holds a secret, but the Snowflake driver takes no"
                        + " property of that name")
                .hasMessageNotContaining("canary-Api-9z");
    }

    @Test
    void theOAuthClientSecretGoesToTheDriverUnderItsOwnName() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "ann")
                .secret("oauth_client_secret", "s3");

        assertThat(context.resolve().driverProperties()).containsEntry("oauthClientSecret", "s3")
                .doesNotContainKey("oauth_client_secret");
    }

    @Test
    void blankAccountIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "  ").secret("user", "ann");

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.account is required but blank (.streamlit/secrets.toml:2).");
    }

    @Test
    void userIsNotNeededByOauthButItsTokenIs() {
        SnowflakeSettings settings = new TestContext("sf", home).secret("account", "a").secret("authenticator", "OAUTH")
                .secret("token", "t").resolve();
        TestContext noToken = new TestContext("sf", home).secret("account", "a").secret("authenticator", "oauth");

        assertThat(settings.user()).isEmpty();
        assertThatThrownBy(noToken::resolve)
                .hasMessage("connections.sf.token is required but missing (section [connections.sf] at"
                        + " .streamlit/secrets.toml:1).");
    }

    @Test
    void userIsNotNeededByExternalBrowser() {
        SnowflakeSettings settings = new TestContext("sf", home).secret("account", "a")
                .secret("authenticator", "externalbrowser").resolve();

        assertThat(settings.user()).isEmpty();
        assertThat(settings.driverProperties()).doesNotContainKey("user");
    }

    @Test
    void portThatIsNoNumberNamesItsLine() {
        TestContext context = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\nuser = \"u\"\nport = \"https\"\n");

        assertThatThrownBy(context::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("prod.port: expected an integer but found a string (~/.snowflake/connections.toml:4)");
    }

    @Test
    void portOutOfRangeIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "u").secret("port", 70_000);

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.port: expected a port number from 1 to 65535 (.streamlit/secrets.toml:4).");
    }

    @Test
    void negativeQueryTimeoutIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "u")
                .secret("query_timeout", -1);

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.query_timeout: expected a number of seconds from 0 to 86400"
                        + " (.streamlit/secrets.toml:4).");
    }

    @Test
    void zeroLoginTimeoutIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "u")
                .secret("login_timeout", 0);

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.login_timeout: expected a number of seconds above 0 and up to 86400"
                        + " (.streamlit/secrets.toml:4).");
    }

    @Test
    void protocolOtherThanHttpOrHttpsIsAnError() {
        TestContext context = new TestContext("prod", home)
                .connectionsToml("[prod]\naccount = \"a\"\nuser = \"u\"\nprotocol = \"ftp\"\n");

        assertThatThrownBy(context::resolve)
                .hasMessage("prod.protocol: expected https or http (~/.snowflake/connections.toml:4).");
    }

    @Test
    void hostWithASchemeOrPortIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "a").secret("user", "u")
                .secret("host", "https://a.snowflakecomputing.com:443");

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.host: expected a host name or IP address alone, such as"
                        + " myorg-myaccount.snowflakecomputing.com (.streamlit/secrets.toml:4)."
                        + " Give the port as port and the scheme as protocol.");
    }

    @Test
    void accountThatIsAUrlIsAnError() {
        TestContext context = new TestContext("sf", home).secret("account", "https://a.snowflakecomputing.com")
                .secret("user", "u");

        assertThatThrownBy(context::resolve)
                .hasMessage("connections.sf.account: expected an account identifier such as myorg-myaccount or"
                        + " xy12345.us-east-2.aws (.streamlit/secrets.toml:2). Give the host, if any, as host.");
    }
}
