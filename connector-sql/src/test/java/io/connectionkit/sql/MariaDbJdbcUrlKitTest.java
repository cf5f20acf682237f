package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

/** The connector testkit on MariaDB with the secret as the password inside a {@code jdbc:} URL. */
class MariaDbJdbcUrlKitTest extends MariaDbConnectorKitTest {

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                url = "jdbc:mariadb://127.0.0.1:3306/test?user=%s&password=%s"
                retry_wait = 0
                """.formatted(userWithPassword(secret), secret));
    }
}
