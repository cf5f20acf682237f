package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.time.Duration;
import java.util.Properties;

/**
 * Everything the SQL connector reads from a connection's configuration, validated: where to
 * connect (a JDBC URL, with user and password kept out of it), which driver, and how to pool.
 *
 * @param dialect          the dialect name users see: {@code postgresql}, {@code sqlite}, ...; for a
 *                         plain {@code jdbc:} URL, its subprotocol ({@code jdbc:h2:...} gives {@code h2})
 * @param jdbcUrl          the JDBC URL, without credentials that came from the configuration
 * @param driverClassName  a Java driver class to use, or {@code null} to find one for the URL
 * @param driverProperties what the driver gets with the URL: {@code user}, {@code password},
 *                         {@code connect_args}; contains secrets, never log it
 * @param pool             the pool's settings
 * @param retryWait        the wait between attempts of a query that failed transiently
 * @param echo             whether statements are logged at DEBUG
 */
record SqlSettings(String dialect, String jdbcUrl, String driverClassName, Properties driverProperties,
                   PoolSettings pool, Duration retryWait, boolean echo) {

    /**
     * Reads and validates {@code config}.
     *
     * @throws io.connectionkit.api.ConnectionConfigException naming the key at fault and its source
     */
    static SqlSettings from(ConnectionConfig config) {
        throw new UnsupportedOperationException("TODO");
    }
}
