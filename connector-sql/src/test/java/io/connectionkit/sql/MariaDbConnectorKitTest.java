package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * SQLConnection on the MariaDB server of this machine (127.0.0.1:3306) passes the connector
 * testkit, logging in as a user made for each check whose password is the kit's secret.
 */
@Tag("db")
class MariaDbConnectorKitTest extends SqlConnectorKit {

    private final MariaDbUsers users = new MariaDbUsers();

    @Override
    public ConnectorConfig configuration(String secret) {
        String user = userWithPassword(secret);
        return ConnectorConfig.toml("""
                dialect = "mariadb"
                host = "127.0.0.1"
                port = 3306
                database = "test"
                username = "%s"
                password = "%s"
                retry_wait = 0
                """.formatted(user, secret));
    }

    /** A user of the server whose password is {@code secret}, made once for each secret and dropped after the check. */
    String userWithPassword(String secret) {
        return users.withPassword("ck_" + Integer.toHexString(secret.hashCode()), secret);
    }

    @AfterEach
    void dropUsers() {
        users.dropAll();
    }

    @Override
    public String parameterisedQuery() {
        return "select cast(:value as char(20)) as val";
    }

    @Override
    public String freshQuery() {
        return "select uuid() as id";
    }
}
