package io.connectionkit.snowpark;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.snowflake.driver.SnowflakeSettings;

import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A {@code snowpark} connection's configuration, found where Streamlit's
 * {@code SnowparkConnection} finds it: the options given in code over the connection's
 * {@code [connections.<name>]} section of the secrets over SnowSQL's config file, key by key; and
 * the configuration map Snowpark's session builder takes, made from it. The keys are those of
 * Snowflake's Python connector, as for a {@code snowflake} connection, so that one secrets section
 * serves both; their meaning and validation are {@link SnowflakeSettings}'s.
 */
final class SnowparkSettings {

    /** Snowpark's own key for the host and port; it makes {@code jdbc:snowflake://<url>} of it. */
    static final String URL = "url";
    /** Snowpark's own key for an RSA private key: the Base64 of its PKCS#8 bytes, which Snowpark parses. */
    static final String PRIVATE_KEY = "privatekey";

    private final SnowflakeSettings driver;
    private final Map<String, String> sessionConfigs;

    private SnowparkSettings(SnowflakeSettings driver) {
        this.driver = driver;
        this.sessionConfigs = sessionConfigs(driver);
    }

    /**
     * The settings of {@code context}'s connection.
     *
     * @throws ConnectionConfigException when no place gives {@code account} (naming the three places
     *                                   looked at), or a key is missing or holds a bad value
     */
    static SnowparkSettings resolve(ConnectionContext context) {
        Objects.requireNonNull(context, "context");
        ConnectionConfig given = context.config();
        SnowSqlConfig snowSql = SnowSqlConfig.read(context.homeDirectory());
        Optional<ConnectionConfig> fromFile = snowSql.connection(context.name(), given.path(),
                SnowflakeSettings.SENSITIVE_KEYS);
        ConnectionConfig.Builder merged = ConnectionConfig.builder(given.path())
                .sensitiveKeys(SnowflakeSettings.SENSITIVE_KEYS);
        fromFile.ifPresent(merged::putAll);
        ConnectionConfig config = merged.putAll(given).source(sourceOf(given, fromFile)).build();
        if (config.string("account").map(String::isBlank).orElse(true)) {
            throw missingAccount(context, config, snowSql);
        }
        return new SnowparkSettings(SnowflakeSettings.of(config, config.source().toString(), context.homeDirectory()));
    }

    /** The secrets section's place when there is one, else the SnowSQL section's, else the options'. */
    private static ConfigSource sourceOf(ConnectionConfig given, Optional<ConnectionConfig> fromFile) {
        boolean inSecrets = given.keys().stream()
                .anyMatch(key -> !given.sourceOf(key).orElse(ConfigSource.OPTION).equals(ConfigSource.OPTION));
        if (inSecrets) {
            return given.source();
        }
        return fromFile.map(ConnectionConfig::source).orElse(ConfigSource.OPTION);
    }

    private static ConnectionConfigException missingAccount(ConnectionContext context, ConnectionConfig config,
                                                            SnowSqlConfig snowSql) {
        String key = config.path() + ".account";
        String problem = config.contains("account")
                ? key + " is blank (" + config.sourceOf("account").orElseThrow() + ")"
                : key + " is required but missing";
        return new ConnectionConfigException(problem + ". Looked in: the options given in code; [" + config.path()
                + "] in the secrets (.streamlit/secrets.toml); " + snowSql.whereSought(context.name()) + ". Set account"
                + " (with user and password) in one of them.");
    }

    /**
     * What Snowpark's session builder takes: the driver's properties, which it passes on to the
     * driver, with the host and port as its {@code url}, plain HTTP as {@code ssl=off}, and an
     * inline key in its own form. Holds secrets: never log it.
     */
    private static Map<String, String> sessionConfigs(SnowflakeSettings driver) {
        Properties properties = driver.driverProperties();
        Map<String, String> configs = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            configs.put(name, properties.getProperty(name));
        }
        if (properties.get("privateKey") instanceof PrivateKey key) {
            configs.put(PRIVATE_KEY, Base64.getEncoder().encodeToString(key.getEncoded()));
        }
        String host = driver.host();
        boolean ipv6 = host.contains(":") && !host.startsWith("[");
        configs.put(URL, (ipv6 ? "[" + host + "]" : host) + ":" + driver.port());
        if (driver.http()) {
            configs.put("ssl", "off");
        }
        return Map.copyOf(configs);
    }

    /** The configuration Snowpark's session builder takes; contains secrets, never log it. */
    Map<String, String> sessionConfigs() {
        return sessionConfigs;
    }

    /** The login's settings: timeouts, account, user, where it was configured. */
    SnowflakeSettings driver() {
        return driver;
    }

    /** Where from, where to, who, and the names of Snowpark's settings; no value that could be secret. */
    @Override
    public String toString() {
        return driver.config().mask("SnowparkSettings[" + driver + ", configs="
                + new TreeSet<>(sessionConfigs.keySet()) + "]");
    }
}
