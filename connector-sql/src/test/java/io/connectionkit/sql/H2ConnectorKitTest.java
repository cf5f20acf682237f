package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

import java.util.Map;

/** SQLConnection on an in-memory H2 database passes the connector testkit; its configuration given as options in code. */
class H2ConnectorKitTest extends SqlConnectorKit {

    @Override
    public ConnectorConfig configuration(String secret) {
        // One database per secret: an H2 database keeps the password it was created with.
        return ConnectorConfig.options(Map.of("url", "jdbc:h2:mem:kit_" + Integer.toHexString(secret.hashCode()),
                "username", "sa", "password", secret));
    }

    @Override
    public String freshQuery() {
        return "select random_uuid() as id";
    }
}
