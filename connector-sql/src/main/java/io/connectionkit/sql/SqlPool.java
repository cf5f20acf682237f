package io.connectionkit.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** Opens the HikariCP pool of one connection. */
final class SqlPool {

    private static final Logger LOG = LoggerFactory.getLogger(SqlPool.class);
    private static final String SECTION_PREFIX = "connections.";

    private SqlPool() {
    }

    /**
     * Finds the driver (context class loader, then this connector's, then {@link java.sql.DriverManager})
     * and opens a pool named after the connection, {@code connectionkit-pets} for
     * {@code connections.pets}. Connects at once, as Streamlit does, so that a bad database fails
     * here rather than at the first query.
     *
     * @param connectionName the configuration path of the connection, {@code connections.pets}
     * @throws io.connectionkit.api.ConnectionConfigException when the driver is missing, with the
     *         Maven coordinates of the dialect's driver
     * @throws java.sql.SQLException when the database cannot be reached: the driver's exception, as
     *         the cause of one that adds where it was reached ({@link SqlUrl#location})
     */
    static HikariDataSource open(String connectionName, SqlSettings settings) throws SQLException {
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(settings, "settings");
        DriverLoader.Loaded driver = DriverLoader.load(connectionName, settings);
        String url = driver.jdbcUrl();
        DriverDataSource dataSource = new DriverDataSource(driver.driver(), url, settings.driverProperties());

        // HikariCP waits a second before it reports a first connection that failed, and wraps the
        // driver's error: one connection of our own fails at once, with that error.
        try (Connection probe = dataSource.getConnection()) {
            LOG.debug("{}: connected to {} {}", connectionName, probe.getMetaData().getDatabaseProductName(),
                    probe.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            // Drivers often leave out where they tried ("The connection attempt failed."): say it, without credentials.
            throw new SQLException(e.getMessage() + " (at " + SqlUrl.location(url) + ")", e.getSQLState(),
                    e.getErrorCode(), e);
        }

        String poolName = poolName(connectionName);
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setDataSource(dataSource);
        settings.pool().applyTo(config);
        config.setInitializationFailTimeout(1); // the pool's first connection is made now, or the pool fails
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw e;
        }
        LOG.info("Opened pool {} for {} at {}", poolName, settings.dialect(), SqlUrl.location(url));
        return pool;
    }

    /** {@code connectionkit-pets} for {@code connections.pets}; only letters, digits, {@code .}, {@code _} and {@code -}. */
    static String poolName(String connectionName) {
        String name = connectionName.startsWith(SECTION_PREFIX) ? connectionName.substring(SECTION_PREFIX.length())
                : connectionName;
        return "connectionkit-" + name.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
