package io.connectionkit.snowflake.driver;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.jdbc.FailureKind;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How a Snowflake connector logs in, read from a configuration written with the keys of
 * Snowflake's Python connector (as a Streamlit app's {@code secrets.toml} and Snowflake's own
 * files are) and validated: the JDBC URL (which never holds a secret), the driver's properties,
 * and the connector's own timeouts. Its messages name keys and their {@code file:line}, never a
 * value. Shared by the Snowflake connectors, which each decide where the configuration is found.
 */
public final class SnowflakeSettings {

    /** Secrets beyond the ones every configuration masks; named for what they are, whatever the API's patterns say. */
    public static final Set<String> SENSITIVE_KEYS = Set.of("private_key_file_pwd", "token", InlinePrivateKey.KEY);

    /** Authenticators with which the driver needs no {@code user}. */
    private static final Set<String> WITHOUT_USER = Set.of("oauth", "externalbrowser", "programmatic_access_token",
            "workload_identity", "oauth_authorization_code", "oauth_client_credentials");

    /** Authenticators that log in with {@code token}. */
    private static final Set<String> WITH_TOKEN = Set.of("oauth", "programmatic_access_token");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final double MAX_SECONDS = 86_400;

    private final ConnectionConfig config;
    private final String source;
    private final String jdbcUrl;
    private final Properties driverProperties;
    private final @Nullable Duration queryTimeout;
    private final Duration retryWait;
    private final Duration loginTimeout;
    private final String account;
    private final String user;
    private final String host;
    private final int port;
    private final boolean http;

    private SnowflakeSettings(ConnectionConfig config, String source, Path home) {
        this.config = config;
        this.source = source;
        this.account = required(config, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw error(config, "account", "expected an account identifier such as myorg-myaccount or xy12345.us-east-2.aws",
                    "Give the host, if any, as host");
        }
        String authenticator = config.string("authenticator").map(a -> a.strip().toLowerCase(Locale.ROOT)).orElse("");
        this.user = WITHOUT_USER.contains(authenticator) ? config.string("user").orElse("") : required(config, "user");
        if (WITH_TOKEN.contains(authenticator)) {
            required(config, "token");
        }
        this.http = protocolIsHttp(config);
        this.host = host(config, account);
        this.port = config.integer("port").orElse(http ? 80 : 443);
        if (port < 1 || port > 65_535) {
            throw error(config, "port", "expected a port number from 1 to 65535", null);
        }
        this.jdbcUrl = "jdbc:snowflake://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + port + "/" + (http ? "?ssl=off" : "");
        this.queryTimeout = seconds(config, "query_timeout").filter(timeout -> !timeout.isZero()).orElse(null);
        this.retryWait = seconds(config, "retry_wait").orElse(Duration.ofSeconds(1));
        this.loginTimeout = loginTimeoutOf(config);
        PrivateKey privateKey = config.contains(InlinePrivateKey.KEY) ? InlinePrivateKey.of(config) : null;
        // The driver logs in as the account's name; a locator's region (xy12345.us-east-2.aws) is part of the host only.
        String driverAccount = account.contains(".") ? account.substring(0, account.indexOf('.')) : account;
        this.driverProperties = SnowflakeDriverProperties.of(config, driverAccount, home, isLoopback(host), privateKey);
    }

    /**
     * The settings {@code config} gives, {@code config} being the whole configuration found (with
     * {@link #SENSITIVE_KEYS} among its sensitive keys).
     *
     * @param source where it came from, for messages: {@code .streamlit/secrets.toml:3}, {@code option}
     * @param home   what a leading {@code ~} of {@code private_key_file} stands for
     * @throws ConnectionConfigException naming a key that is missing or holds a bad value
     */
    public static SnowflakeSettings of(ConnectionConfig config, String source, Path home) {
        return new SnowflakeSettings(Objects.requireNonNull(config, "config"), Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(home, "home"));
    }

    /**
     * The error for a login that failed: whose login, the driver's SQL state and vendor code, and
     * its message with this configuration's secrets masked (the driver may repeat a value);
     * transient when another attempt may succeed ({@link SnowflakeFailures#classify}).
     *
     * @param client what was logging in, for the message: {@code "Snowflake's JDBC driver"}, {@code "Snowpark"}
     * @param error  what the driver or the client threw; a {@link SQLException} anywhere in its causes gives the codes
     */
    public ConnectionException loginFailed(String client, Exception error) {
        SQLException driverError = null;
        for (Throwable t = error; t != null && driverError == null; t = t.getCause() == t ? null : t.getCause()) {
            driverError = t instanceof SQLException e ? e : null;
        }
        String codes = driverError == null ? ""
                : " [SQL state " + driverError.getSQLState() + ", vendor code " + driverError.getErrorCode() + "]";
        return new ConnectionException(client + " could not log in to account " + account
                + (user.isEmpty() ? "" : " as user " + user) + codes + ": " + config.mask(String.valueOf(error.getMessage())),
                config.redact(error), driverError != null && SnowflakeFailures.classify(driverError) != FailureKind.PERMANENT);
    }

    /** The value of {@code key}, stripped; missing or blank is an error saying where the configuration came from. */
    private static String required(ConnectionConfig config, String key) {
        String value = config.string(key).map(String::strip).orElse("");
        if (!value.isEmpty()) {
            return value;
        }
        if (config.contains(key)) {
            throw new ConnectionConfigException(config.path() + "." + key + " is required but blank ("
                    + config.sourceOf(key).orElseThrow() + ").");
        }
        String hint = ConnectionConfig.nearestKey(key, config.keys())
                .map(near -> " " + near + " is set (" + config.sourceOf(near).orElseThrow() + "): did you mean " + key + "?")
                .orElse("");
        throw new ConnectionConfigException(config.path() + "." + key + " is required but missing" + section(config) + "."
                + hint);
    }

    /** Where the configuration came from, for a key missing from it: {@code  (section [prod] at file:3)}. */
    private static String section(ConnectionConfig config) {
        ConfigSource at = config.source();
        if (at.equals(ConfigSource.NONE)) {
            return "";
        }
        return " (section [" + config.path() + "] " + (at.equals(ConfigSource.OPTION) ? "from options" : "at " + at) + ")";
    }

    private static boolean protocolIsHttp(ConnectionConfig config) {
        String protocol = config.string("protocol").map(p -> p.strip().toLowerCase(Locale.ROOT)).orElse("https");
        if (!protocol.equals("https") && !protocol.equals("http")) {
            throw error(config, "protocol", "expected https or http", null);
        }
        return protocol.equals("http");
    }

    /** {@code host}, else the account's host in Snowflake's cloud. */
    private static String host(ConnectionConfig config, String account) {
        Optional<String> given = config.string("host").map(String::strip);
        if (given.isEmpty()) {
            return account + ".snowflakecomputing.com";
        }
        String host = given.get();
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw error(config, "host", "expected a host name or IP address alone, such as"
                    + " myorg-myaccount.snowflakecomputing.com", "Give the port as port and the scheme as protocol");
        }
        return host;
    }

    /** {@code path} with a leading {@code ~} (alone, or before a separator) replaced by {@code home}, as a shell would. */
    public static String expandTilde(String path, Path home) {
        if (path.equals("~")) {
            return home.toString();
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return home.resolve(path.substring(2)).toString();
        }
        return path;
    }

    /** Whether {@code host} is this machine by its name or address: {@code localhost}, 127.0.0.0/8, {@code ::1}. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || LOOPBACK_V4.matcher(bare).matches()
                || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
    }

    /** {@code login_timeout}, from more than 0 to 86400 seconds; 120 when not given. */
    static Duration loginTimeoutOf(ConnectionConfig config) {
        Duration timeout = seconds(config, "login_timeout").orElse(Duration.ofSeconds(120));
        if (timeout.isZero()) {
            throw error(config, "login_timeout", "expected a number of seconds above 0 and up to 86400", null);
        }
        // The driver takes whole seconds: a fraction is rounded up rather than to no time at all.
        return Duration.ofSeconds(timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0));
    }

    /** A number of seconds from 0 to a day. */
    static Optional<Duration> seconds(ConnectionConfig config, String key) {
        return config.number(key).map(value -> {
            if (!(value >= 0) || value > MAX_SECONDS) {
                throw error(config, key, "expected a number of seconds from 0 to 86400", null);
            }
            return Duration.ofNanos(Math.round(value * 1e9));
        });
    }

    /** {@code prod.port: <problem> (~/.snowflake/connections.toml:5). <hint>.}; never the value. */
    static ConnectionConfigException error(ConnectionConfig config, String key, String problem, @Nullable String hint) {
        String at = config.sourceOf(key).map(ConfigSource::toString).orElse("not set");
        return new ConnectionConfigException(config.path() + "." + key + ": " + problem + " (" + at + ")"
                + (hint == null ? "." : ". " + hint + "."));
    }

    /** {@code jdbc:snowflake://host:port/}, with {@code ?ssl=off} for http; no credential is ever part of it. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The driver's properties, a fresh copy each call: the caller may add to it. Contains secrets, never log it. */
    public Properties driverProperties() {
        Properties copy = new Properties();
        copy.putAll(driverProperties);
        return copy;
    }

    /** The configuration used, whose secrets mask what the driver says. */
    public ConnectionConfig config() {
        return config;
    }

    /** Where the configuration came from: {@code .streamlit/secrets.toml:3}, {@code ~/.snowflake/connections.toml:7}, {@code option}. */
    public String source() {
        return source;
    }

    /** How long a statement may run before it is cancelled, or {@code null} for no limit ({@code query_timeout}). */
    public @Nullable Duration queryTimeout() {
        return queryTimeout;
    }

    /** The wait between attempts of a call that failed transiently ({@code retry_wait}, 1 second by default). */
    public Duration retryWait() {
        return retryWait;
    }

    /** How long logging in may take ({@code login_timeout}, 120 seconds by default); bounds one call's retries. */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    /** The host the driver connects to: {@code host}, else the account's host in Snowflake's cloud. */
    public String host() {
        return host;
    }

    /** The port the driver connects to: {@code port}, else 443 (80 for {@code protocol = "http"}). */
    public int port() {
        return port;
    }

    /** Whether the driver speaks plain HTTP ({@code protocol = "http"}, a local emulator's). */
    public boolean http() {
        return http;
    }

    /** The account identifier as configured ({@code myorg-myaccount}, {@code xy12345.us-east-2.aws}). */
    public String account() {
        return account;
    }

    /** The login name; empty when the authenticator needs none ({@code oauth}, {@code externalbrowser}, ...). */
    public String user() {
        return user;
    }

    public Optional<String> database() {
        return config.string("database");
    }

    public Optional<String> schema() {
        return config.string("schema");
    }

    public Optional<String> warehouse() {
        return config.string("warehouse");
    }

    public Optional<String> role() {
        return config.string("role");
    }

    /** Where from, where to, who, and the names of the driver's properties; no value that could be secret. */
    @Override
    public String toString() {
        // Masked as well, should a secret equal a name shown (a password that is also the user's name, say).
        return config.mask("SnowflakeSettings[from=" + source + ", url=" + jdbcUrl + ", account=" + account + ", user=" + user
                + database().map(d -> ", database=" + d).orElse("") + schema().map(s -> ", schema=" + s).orElse("")
                + warehouse().map(w -> ", warehouse=" + w).orElse("") + role().map(r -> ", role=" + r).orElse("")
                + ", properties=" + new TreeSet<>(driverProperties.keySet().stream().map(String::valueOf).toList())
                + ", queryTimeout=" + queryTimeout + ", retryWait=" + retryWait + ", loginTimeout=" + loginTimeout + "]");
    }
}
