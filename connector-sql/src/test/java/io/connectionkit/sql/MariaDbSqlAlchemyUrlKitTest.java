package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

/** The connector testkit on MariaDB with the secret as the password of a SQLAlchemy-style URL's user info. */
class MariaDbSqlAlchemyUrlKitTest extends MariaDbConnectorKitTest {

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                url = "mariadb://%s:%s@127.0.0.1:3306/test"
                retry_wait = 0
                """.formatted(userWithPassword(secret), secret));
    }
}
