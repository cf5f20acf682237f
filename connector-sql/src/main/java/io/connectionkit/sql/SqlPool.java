package io.connectionkit.sql;

import com.zaxxer.hikari.HikariDataSource;

/** Opens the HikariCP pool of one connection. */
final class SqlPool {

    private SqlPool() {
    }

    /**
     * Finds the driver (context class loader, then this connector's, then {@link java.sql.DriverManager})
     * and opens a pool named after the connection.
     *
     * @throws io.connectionkit.api.ConnectionConfigException when the driver is missing, with the
     *         Maven coordinates of the dialect's driver
     * @throws java.sql.SQLException when the database cannot be reached
     */
    static HikariDataSource open(String connectionName, SqlSettings settings) throws java.sql.SQLException {
        throw new UnsupportedOperationException("TODO");
    }
}
