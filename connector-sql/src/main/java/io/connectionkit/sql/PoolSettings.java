package io.connectionkit.sql;

import com.zaxxer.hikari.HikariConfig;
import io.connectionkit.api.ConnectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the connection pool is sized and kept: SQLAlchemy's engine arguments, mapped to HikariCP.
 *
 * <table>
 *   <caption>SQLAlchemy engine arguments and their HikariCP settings</caption>
 *   <tr><th>engine argument</th><th>default</th><th>HikariCP</th></tr>
 *   <tr><td>{@code pool_size}</td><td>5</td><td>{@code minimumIdle}</td></tr>
 *   <tr><td>{@code max_overflow}</td><td>10</td><td>{@code maximumPoolSize} = pool_size + max_overflow</td></tr>
 *   <tr><td>{@code pool_timeout} (s)</td><td>30</td><td>{@code connectionTimeout}</td></tr>
 *   <tr><td>{@code pool_recycle} (s)</td><td>-1</td><td>{@code maxLifetime}; -1 keeps HikariCP's 30 minutes. A
 *       connection retired within 10 minutes is not also closed for being idle, nor within
 *       HikariCP's {@code keepaliveTime} pinged</td></tr>
 *   <tr><td>{@code pool_pre_ping}</td><td>false</td><td>nothing: HikariCP always checks a connection that sat
 *       idle before lending it (JDBC {@code isValid}) and pings idle ones every {@code keepaliveTime}</td></tr>
 *   <tr><td>{@code autocommit}</td><td>true</td><td>{@code autoCommit}</td></tr>
 *   <tr><td>{@code isolation_level}</td><td>the driver's</td><td>{@code transactionIsolation}
 *       ({@code AUTOCOMMIT} sets autoCommit instead)</td></tr>
 *   <tr><td>{@code hikari} table</td><td></td><td>any setting by its HikariCP name; applied last, so it wins</td></tr>
 * </table>
 *
 * <p>A private in-memory database ({@code sqlite://}, {@code duckdb://}, unnamed H2 memory) is
 * new and empty for each connection, so its pool holds exactly one connection for good
 * (minimumIdle and maximumPoolSize 1, no maxLifetime nor idleTimeout), whatever the engine
 * arguments say; only the {@code hikari} table can override that.
 *
 * @param minimumIdle           connections kept open when idle
 * @param maximumPoolSize       connections open at most
 * @param connectionTimeout     how long a caller waits for a connection
 * @param maxLifetime           when a connection is retired; zero for never
 * @param idleTimeout           when an idle connection beyond minimumIdle is closed; zero for never
 * @param autoCommit            whether connections are lent in autocommit mode
 * @param transactionIsolation  a {@code TRANSACTION_*} name of {@link java.sql.Connection}, or {@code null} for the driver's
 * @param hikari                HikariCP settings by name, from the {@code hikari} table
 */
record PoolSettings(int minimumIdle, int maximumPoolSize, Duration connectionTimeout, Duration maxLifetime,
                    Duration idleTimeout, boolean autoCommit, String transactionIsolation, Map<String, Object> hikari) {

    private static final Logger LOG = LoggerFactory.getLogger(PoolSettings.class);

    static final int DEFAULT_POOL_SIZE = 5;
    static final int DEFAULT_MAX_OVERFLOW = 10;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    private static final List<String> ISOLATION_LEVELS = List.of("READ UNCOMMITTED", "READ COMMITTED",
            "REPEATABLE READ", "SERIALIZABLE", "AUTOCOMMIT");

    PoolSettings {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        hikari = Collections.unmodifiableMap(new LinkedHashMap<>(hikari));
    }

    /**
     * Reads the engine arguments and the {@code hikari} table of {@code config}.
     *
     * @param privateMemory whether the database is a private in-memory one, which needs a pool of one
     * @throws io.connectionkit.api.ConnectionConfigException naming the key at fault and its source
     */
    static PoolSettings from(ConnectionConfig config, EngineArgs engine, boolean privateMemory) {
        int poolSize = engine.integer("pool_size").orElse(DEFAULT_POOL_SIZE);
        if (poolSize < 0) {
            throw ConfigErrors.at(engine.tableOrTop("pool_size"), "pool_size",
                    "expected an integer, 0 or more", null);
        }
        int maxOverflow = engine.integer("max_overflow").orElse(DEFAULT_MAX_OVERFLOW);
        if (maxOverflow < 0) {
            throw ConfigErrors.at(engine.tableOrTop("max_overflow"), "max_overflow",
                    "expected an integer, 0 or more",
                    "A pool of HikariCP has a fixed maximum: pool_size + max_overflow");
        }
        long maximumPoolSize = (long) poolSize + maxOverflow;
        if (maximumPoolSize < 1 || maximumPoolSize > Integer.MAX_VALUE) {
            throw ConfigErrors.at(engine.tableOrTop("pool_size"), "pool_size", "pool_size + max_overflow must be"
                    + " from 1 (a pool needs a connection) to " + Integer.MAX_VALUE, null);
        }
        Duration timeout = engine.number("pool_timeout").map(seconds -> {
            if (!(seconds >= 0.25) || seconds > Long.MAX_VALUE / 1000.0) {
                throw ConfigErrors.at(engine.tableOrTop("pool_timeout"), "pool_timeout",
                        "expected a number of seconds, 0.25 or more", null);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }).orElse(DEFAULT_TIMEOUT);
        Duration maxLifetime = engine.number("pool_recycle").map(seconds -> {
            if (seconds == -1) {
                return DEFAULT_MAX_LIFETIME;
            }
            if (!(seconds >= 30) || seconds > Long.MAX_VALUE / 1000.0) {
                throw ConfigErrors.at(engine.tableOrTop("pool_recycle"), "pool_recycle", "expected -1 (HikariCP's"
                        + " default, 30 minutes) or a number of seconds, 30 or more", null);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }).orElse(DEFAULT_MAX_LIFETIME);
        engine.bool("pool_pre_ping"); // checked for its type; HikariCP always validates (see above)
        boolean autoCommit = engine.bool("autocommit").orElse(true);
        String isolation = null;
        if (engine.tableOf("isolation_level").isPresent()) {
            String level = isolationLevel(engine);
            if (level.equals("AUTOCOMMIT")) {
                if (!autoCommit) {
                    throw ConfigErrors.at(engine.tableOrTop("isolation_level"), "isolation_level",
                            "AUTOCOMMIT contradicts autocommit = false", "Remove one of them");
                }
            } else {
                isolation = "TRANSACTION_" + level.replace(' ', '_');
            }
        }
        Map<String, Object> hikari = config.table(HikariProperties.TABLE).map(HikariProperties::read).orElse(Map.of());
        if (privateMemory) {
            for (String key : List.of("pool_size", "max_overflow", "pool_recycle")) {
                engine.tableOf(key).ifPresent(table -> LOG.warn("{}.{} is ignored ({}): each connection to a private"
                        + " in-memory database sees its own empty database, so the pool keeps one connection for good",
                        table.path(), key, table.sourceOf(key).orElseThrow()));
            }
            return new PoolSettings(1, 1, timeout, Duration.ZERO, Duration.ZERO, autoCommit, isolation, hikari);
        }
        // Connections retired before they could sit idle that long need no idle timeout; HikariCP
        // would turn it off itself, with a warning at every start.
        Duration idleTimeout = maxLifetime.compareTo(DEFAULT_IDLE_TIMEOUT.plusSeconds(1)) < 0 ? Duration.ZERO
                : DEFAULT_IDLE_TIMEOUT;
        return new PoolSettings(poolSize, (int) maximumPoolSize, timeout, maxLifetime, idleTimeout,
                autoCommit, isolation, hikari);
    }

    /** {@code READ COMMITTED}, {@code read_committed} and {@code TRANSACTION_READ_COMMITTED} are one level. */
    private static String isolationLevel(EngineArgs engine) {
        String text = engine.string("isolation_level").orElseThrow();
        String level = text.strip().toUpperCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
        level = level.startsWith("TRANSACTION ") ? level.substring("TRANSACTION ".length()) : level;
        if (!ISOLATION_LEVELS.contains(level)) {
            throw ConfigErrors.at(engine.tableOrTop("isolation_level"), "isolation_level",
                    "names no isolation level", "Valid levels: " + String.join(", ", ISOLATION_LEVELS));
        }
        return level;
    }

    /** Applies these settings to {@code config}, the {@code hikari} table last. */
    void applyTo(HikariConfig config) {
        Objects.requireNonNull(config, "config");
        config.setMinimumIdle(minimumIdle);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setMaxLifetime(maxLifetime.toMillis());
        config.setIdleTimeout(idleTimeout.toMillis());
        if (!maxLifetime.isZero() && config.getKeepaliveTime() >= maxLifetime.toMillis()) {
            config.setKeepaliveTime(0); // retired before its first keepalive: HikariCP would warn and do the same
        }
        config.setAutoCommit(autoCommit);
        if (transactionIsolation != null) {
            config.setTransactionIsolation(transactionIsolation);
        }
        HikariProperties.apply(config, hikari);
    }
}
