package io.connectionkit.snowpark;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.snowflake.driver.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** What Snowpark's session builder is given, from the three places a configuration is found. */
class SnowparkSettingsTest {

    private static final String SECRETS = ".streamlit/secrets.toml";

    @TempDir
    Path home;
    private final Map<String, Object> secrets = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();

    private SnowparkSettings resolve() {
        ConnectionConfig.Builder config = ConnectionConfig.builder("connections.park");
        int line = 2;
        for (Map.Entry<String, Object> secret : secrets.entrySet()) {
            config.put(secret.getKey(), secret.getValue(), ConfigSource.file(SECRETS, line++));
        }
        options.forEach((key, value) -> config.put(key, value, ConfigSource.OPTION));
        ConnectionConfig built = config.source(secrets.isEmpty() ? ConfigSource.NONE : ConfigSource.file(SECRETS, 1)).build();
        return SnowparkSettings.resolve(new ConnectionContext() {
            @Override
            public String name() {
                return "park";
            }

            @Override
            public String type() {
                return "snowpark";
            }

            @Override
            public ConnectionConfig config() {
                return built;
            }

            @Override
            public Path homeDirectory() {
                return home;
            }

            @Override
            public QueryCache queryCache() {
                return new QueryCache() {
                    @Override
                    public QueryResult get(String sql, QueryOptions queryOptions, Loader loader) {
                        throw new UnsupportedOperationException("settings run no query");
                    }

                    @Override
                    public void clear() {
                    }
                };
            }
        });
    }

    private SnowparkSettingsTest login() {
        secrets.put("account", "myorg-acct");
        secrets.put("user", "ann");
        secrets.put("password", "pw-canary-41");
        return this;
    }

    @Test
    void snowflakesCloudIsTheUrlAndTheKeysGoToTheDriverByItsNames() {
        login();
        secrets.put("database", "PETS");
        secrets.put("warehouse", "WH");

        Map<String, String> configs = resolve().sessionConfigs();

        assertThat(configs).contains(entry("url", "myorg-acct.snowflakecomputing.com:443"), entry("account", "myorg-acct"),
                entry("user", "ann"), entry("password", "pw-canary-41"), entry("db", "PETS"), entry("warehouse", "WH"));
        assertThat(configs).doesNotContainKeys("ssl", "database", "disablePlatformDetection");
    }

    @Test
    void aLocalEmulatorIsPlainHttpWithoutPlatformDetection() {
        login();
        secrets.put("host", "127.0.0.1");
        secrets.put("port", 8085);
        secrets.put("protocol", "http");

        assertThat(resolve().sessionConfigs()).contains(entry("url", "127.0.0.1:8085"), entry("ssl", "off"),
                entry("disablePlatformDetection", "true"));
    }

    @Test
    void sslGivenAsAKeyPassesThroughToTheDriver() {
        login();
        secrets.put("host", "127.0.0.1");
        secrets.put("port", 8085);
        secrets.put("ssl", "off");

        assertThat(resolve().sessionConfigs()).contains(entry("url", "127.0.0.1:8085"), entry("ssl", "off"));
    }

    @Test
    void anIpv6HostIsBracketedInTheUrl() {
        login();
        secrets.put("host", "::1");
        secrets.put("port", 9000);

        assertThat(resolve().sessionConfigs()).containsEntry("url", "[::1]:9000");
    }

    @Test
    void anInlineKeyBecomesSnowparksBase64PrivateKey() {
        KeyPair keys = TestKeys.generate();
        secrets.put("account", "a");
        secrets.put("user", "u");
        secrets.put("private_key", TestKeys.pem(keys.getPrivate()));

        Map<String, String> configs = resolve().sessionConfigs();

        assertThat(configs.get("privatekey")).isEqualTo(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        assertThat(configs).doesNotContainKeys("private_key", "privateKey");
    }

    @Test
    void optionsWinOverSecretsWhichWinOverTheSnowSqlFile() throws Exception {
        Files.createDirectories(home.resolve(".snowsql"));
        Files.writeString(home.resolve(".snowsql/config"),
                "[connections]\naccountname = from-file\nusername = file-user\ndbname = FILEDB\nschemaname = S\n");
        secrets.put("user", "secret-user");
        secrets.put("database", "SECRETDB");
        options.put("database", "OPTIONDB");

        SnowparkSettings settings = resolve();

        assertThat(settings.sessionConfigs()).contains(entry("account", "from-file"), entry("user", "secret-user"),
                entry("db", "OPTIONDB"), entry("schema", "S"));
        assertThat(settings.driver().config().sourceOf("account")).contains(ConfigSource.file("~/.snowsql/config", 2));
        assertThat(settings.driver().source()).isEqualTo(SECRETS + ":1");
    }

    @Test
    void aBlankAccountIsAnErrorNamingWhereItWasSet() {
        secrets.put("account", " ");

        assertThatThrownBy(this::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessageStartingWith("connections.park.account is blank (" + SECRETS + ":2)")
                .hasMessageContaining("~/.snowsql/config");
    }

    @Test
    void aBadValueIsTheSameErrorAsForASnowflakeConnection() {
        login();
        secrets.put("port", 70_000);

        assertThatThrownBy(this::resolve).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.park.port: expected a port number from 1 to 65535 (" + SECRETS + ":5).");
    }

    @Test
    void toStringNamesTheSettingsButNoSecret() {
        login();

        assertThat(resolve().toString()).contains("myorg-acct").contains("password").doesNotContain("pw-canary-41");
    }
}
