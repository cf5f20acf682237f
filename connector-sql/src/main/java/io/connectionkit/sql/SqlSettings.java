package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the SQL connector reads from a connection's configuration, validated: where to
 * connect (a JDBC URL, with every password kept out of it when its syntax is known), which
 * driver, and how to pool. Its messages and logs name keys and their {@code file:line}, and
 * where a URL leads, never a configuration value.
 *
 * <p>The configuration keys: {@code url} (JDBC or SQLAlchemy-style), or {@code dialect},
 * {@code host}, {@code port}, {@code database} and {@code query}; {@code username} and
 * {@code password} (used beside a {@code url} that has none); {@code driver} (a Java class, or a
 * Python driver name, which is ignored); {@code type} (the registry's); the engine arguments of
 * {@link EngineArgs}, in {@code create_engine_kwargs} or at the top level; {@code hikari};
 * {@code retry_wait}; and {@code query_timeout}. Any other key is an error, to catch typos.
 *
 * @param dialect          the dialect name users see: {@code postgresql}, {@code sqlite}, ...; for a
 *                         plain {@code jdbc:} URL, its subprotocol ({@code jdbc:h2:...} gives {@code h2})
 * @param jdbcUrl          the JDBC URL: without passwords and secret-named settings, unless its
 *                         subprotocol's syntax is unknown (then a warning said so at connect)
 * @param jdbcUrlWritten   whether the connector wrote {@code jdbcUrl}, from a SQLAlchemy URL or a
 *                         dialect's parts, rather than took a {@code jdbc:} URL as written: then it
 *                         may give it to another driver of the dialect ({@link DriverLoader})
 * @param driverClassName  a Java driver class to use, or {@code null} to find one for the URL
 * @param driverProperties what the driver gets with the URL ({@link DriverProperties}): {@code user},
 *                         {@code password}, {@code connect_args}, and what was taken out of the URL;
 *                         contains secrets, never log it
 * @param pool             the pool's settings
 * @param retryWait        the wait between attempts of a query that failed transiently
 * @param queryTimeout     how long a statement may run before it is cancelled, or {@code null} for no limit
 * @param echo             whether statements are logged at DEBUG
 */
record SqlSettings(String dialect, String jdbcUrl, boolean jdbcUrlWritten, String driverClassName,
                   Properties driverProperties, PoolSettings pool, Duration retryWait, @Nullable Duration queryTimeout,
                   boolean echo) {

    private static final Logger LOG = LoggerFactory.getLogger(SqlSettings.class);

    /** The keys that say where to connect; a configuration with none of them is missing. */
    static final List<String> CONNECTION_KEYS = List.of("url", "dialect", "driver", "username", "password", "host",
            "port", "database", "query");

    static final List<String> VALID_KEYS = Stream.of(CONNECTION_KEYS,
            List.of("type", EngineArgs.TABLE, HikariProperties.TABLE, "retry_wait", "query_timeout"), EngineArgs.KEYS)
            .flatMap(List::stream).toList();

    private static final List<String> PARTS_BESIDE_URL = List.of("dialect", "host", "port", "database");

    SqlSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(retryWait, "retryWait");
        Properties copy = new Properties();
        if (driverProperties != null) {
            copy.putAll(driverProperties);
        }
        driverProperties = copy;
    }

    /** A copy: the settings never change. Contains secrets, never log it. */
    @Override
    public Properties driverProperties() {
        Properties copy = new Properties();
        copy.putAll(driverProperties);
        return copy;
    }

    /**
     * Reads and validates {@code config}.
     *
     * @throws io.connectionkit.api.ConnectionConfigException naming the key at fault and its source
     */
    static SqlSettings from(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        for (String key : config.keys()) {
            if (!VALID_KEYS.contains(key) && !EngineArgs.PYTHON_ONLY.contains(key)) {
                throw ConfigErrors.unknownKey(config, key, "setting", VALID_KEYS);
            }
        }
        if (CONNECTION_KEYS.stream().noneMatch(config::contains)) {
            throw missingConfiguration(config);
        }
        EngineArgs engine = EngineArgs.of(config);
        SqlUrl url = ConfiguredUrl.of(config);
        if (config.contains("url")) {
            warnAboutUrl(config, url);
        }

        PoolSettings pool = PoolSettings.from(config, engine, url.privateMemory());
        Properties properties = DriverProperties.of(config, engine, url, pool.connectionTimeout());
        boolean written = config.string("url").map(text -> !SqlUrl.isJdbc(text)).orElse(true);
        return new SqlSettings(url.dialect(), url.jdbcUrl(), written, javaDriver(config), properties, pool,
                seconds(config, "retry_wait").orElse(Duration.ofSeconds(1)),
                seconds(config, "query_timeout").filter(timeout -> !timeout.isZero()).orElse(null), engine.echo());
    }

    private static ConnectionConfigException missingConfiguration(ConnectionConfig config) {
        String section = "[" + config.path() + "]";
        return new ConnectionConfigException("Missing SQL connection configuration for " + section
                + ": secrets.toml and the options give none of " + String.join(", ", CONNECTION_KEYS)
                + ". Add url = \"dialect://username:password@host:port/database\" (or dialect, host, username, ...) to "
                + section + " in .streamlit/secrets.toml, or pass them as options.");
    }

    private static void warnAboutUrl(ConnectionConfig config, SqlUrl url) {
        for (String key : PARTS_BESIDE_URL) {
            if (config.contains(key)) {
                LOG.warn("{}.{} is ignored because url is set ({})", config.path(), key, config.sourceOf(key).orElseThrow());
            }
        }
        if (url.credentialInUrl()) {
            LOG.warn("{}.url ({}): the sql connector does not know the syntax of jdbc:{} URLs, so this one goes to the"
                    + " driver as written, and the password it seems to carry (in its user info, or a parameter whose"
                    + " name looks secret) may reach that driver's log. Give the password as password instead",
                    config.path(), config.sourceOf("url").orElseThrow(), url.dialect());
        }
    }

    /** A {@code driver} with a dot names a Java class; any other ({@code psycopg2}, {@code pymysql}) is Python's. */
    private static String javaDriver(ConnectionConfig config) {
        String driver = config.string("driver").map(String::strip).orElse("");
        if (driver.contains(".")) {
            return driver;
        }
        if (!driver.isEmpty()) {
            LOG.debug("{}.driver names a Python driver and is ignored; the JDBC driver follows from the dialect ({})",
                    config.path(), config.sourceOf("driver").orElseThrow());
        }
        return null;
    }

    /** A number of seconds from 0 to a day: {@code retry_wait}, {@code query_timeout}. */
    private static Optional<Duration> seconds(ConnectionConfig config, String key) {
        return config.number(key).map(seconds -> {
            if (!(seconds >= 0) || seconds > 86_400) {
                throw ConfigErrors.at(config, key, "expected a number of seconds from 0 to 86400", null);
            }
            return Duration.ofNanos(Math.round(seconds * 1e9));
        });
    }

    /** Shows the driver properties' names only, and where the URL leads ({@link SqlUrl#location}). */
    @Override
    public String toString() {
        return "SqlSettings[dialect=" + dialect + ", jdbcUrl=" + SqlUrl.location(jdbcUrl) + ", driverClassName="
                + driverClassName + ", driverProperties=" + new TreeSet<>(driverProperties.stringPropertyNames()).stream()
                .map(key -> key + "=****").collect(Collectors.joining(", ", "{", "}"))
                + ", pool=" + pool + ", retryWait=" + retryWait + ", queryTimeout=" + queryTimeout + ", echo=" + echo + "]";
    }
}
