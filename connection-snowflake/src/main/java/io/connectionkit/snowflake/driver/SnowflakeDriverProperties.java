package io.connectionkit.snowflake.driver;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The Snowflake JDBC driver's connection properties for a configuration written with the Python
 * connector's keys, as {@code connections.toml} and a Streamlit app's {@code secrets.toml} are:
 * keys the driver names differently are renamed ({@code database} is {@code db}), values in other
 * units converted, and every other key passed on as text, which the driver takes as a session
 * parameter when it is none of its own properties. The names are the 3.28 driver's
 * ({@code net.snowflake.client.core.SFSessionProperty}, and session parameters it reads).
 */
final class SnowflakeDriverProperties {

    /** Python connector key to the driver's property, where they differ. */
    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("database", "db"),
            Map.entry("client_session_keep_alive", "CLIENT_SESSION_KEEP_ALIVE"),
            Map.entry("login_timeout", "loginTimeout"),
            Map.entry("network_timeout", "networkTimeout"),
            Map.entry("passcode_in_password", "passcodeInPassword"),
            Map.entry("ocsp_fail_open", "ocspFailOpen"),
            Map.entry("disable_ocsp_checks", "disableOCSPChecks"),
            Map.entry("client_store_temporary_credential", "clientStoreTemporaryCredential"),
            Map.entry("client_request_mfa_token", "clientRequestMfaToken"),
            Map.entry("oauth_client_id", "oauthClientID"),
            Map.entry("oauth_client_secret", "oauthClientSecret"),
            Map.entry("proxy_host", "proxyHost"),
            Map.entry("proxy_port", "proxyPort"),
            Map.entry("proxy_user", "proxyUser"),
            Map.entry("proxy_password", "proxyPassword"));

    /**
     * The driver's properties that hold a secret. A secret under any other name would reach
     * Snowflake as a session parameter, which the driver makes of a property it does not know.
     */
    static final Set<String> DRIVER_SECRETS = Set.of("password", "passcode", "token", "id_token_password",
            "oauthClientSecret", "proxyPassword", "private_key_base64", "private_key_file_pwd", "private_key_pwd");

    /** A table of session parameters ({@code QUERY_TAG = "x"}), each passed on as a property, as the Python connector takes them. */
    static final String SESSION_PARAMETERS = "session_parameters";

    /**
     * Keys the connector reads itself, which the driver never sees as they are: {@code host},
     * {@code port} and {@code protocol} make the URL, {@code private_key} becomes {@code privateKey},
     * the entries of {@code session_parameters} become properties of their own.
     */
    static final Set<String> OWN_KEYS = Set.of("type", "query_timeout", "retry_wait", "host", "port", "protocol",
            InlinePrivateKey.KEY, SESSION_PARAMETERS);

    /** The driver's switch that keeps it from probing cloud metadata addresses at connect. */
    static final String DISABLE_PLATFORM_DETECTION = "disablePlatformDetection";

    private SnowflakeDriverProperties() {
    }

    /**
     * The properties for {@code config}.
     *
     * @param driverAccount the account name the driver logs in with
     * @param home          what a leading {@code ~} of {@code private_key_file} stands for
     * @param loopback      whether the host is this machine, which turns platform detection off
     * @param privateKey    the key {@code private_key} gave, or {@code null}
     * @throws ConnectionConfigException naming a key whose value cannot be given to the driver
     */
    static Properties of(ConnectionConfig config, String driverAccount, Path home, boolean loopback,
                         @Nullable PrivateKey privateKey) {
        Properties properties = new Properties();
        config.table(SESSION_PARAMETERS).ifPresent(parameters -> {
            for (String name : parameters.keys()) {
                properties.setProperty(name, text(parameters, name));
            }
        });
        for (String key : config.keys()) {
            if (OWN_KEYS.contains(key)) {
                continue;
            }
            String property = RENAMED.getOrDefault(key, key);
            if (config.isSensitive(key) && !RENAMED.containsKey(key) && !DRIVER_SECRETS.contains(property)) {
                throw SnowflakeSettings.error(config, key, "holds a secret, but the Snowflake driver takes no property of"
                        + " that name, and would pass it on to Snowflake as a session parameter", "Remove it, or use "
                        + "the driver's own name for it");
            }
            properties.setProperty(property, switch (key) {
                case "account" -> driverAccount;
                case "client_session_keep_alive" -> config.bool(key).orElseThrow().toString();
                case "login_timeout" -> Long.toString(SnowflakeSettings.loginTimeoutOf(config).toSeconds());
                case "network_timeout" -> Long.toString(SnowflakeSettings.seconds(config, key).orElseThrow().toMillis());
                case "private_key_file" -> SnowflakeSettings.expandTilde(config.string(key).orElseThrow().strip(), home);
                default -> text(config, key);
            });
        }
        if (privateKey != null) {
            properties.put("privateKey", privateKey);
        }
        if (loopback) {
            properties.setProperty(DISABLE_PLATFORM_DETECTION, "true");
        }
        return properties;
    }

    /** A value as the driver's text; a table or an array has none. */
    private static String text(ConnectionConfig config, String key) {
        Object value = config.value(key).orElseThrow();
        if (value instanceof ConnectionConfig || value instanceof List<?>) {
            throw SnowflakeSettings.error(config, key, "expected a single value, which the JDBC driver takes as a connection"
                    + " property or session parameter, but found a " + (value instanceof ConnectionConfig ? "table" : "array"),
                    config.path().endsWith("." + SESSION_PARAMETERS) ? null : "Only " + SESSION_PARAMETERS + " may be a table");
        }
        return value.toString();
    }
}
