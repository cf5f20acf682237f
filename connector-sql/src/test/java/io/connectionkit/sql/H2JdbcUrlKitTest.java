package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

import java.util.Map;

/**
 * The connector testkit on an in-memory H2 database with the secret as the {@code ;PASSWORD=}
 * setting of its {@code jdbc:} URL, which H2 checks: the database keeps the password it was made with.
 */
class H2JdbcUrlKitTest extends H2ConnectorKitTest {

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.options(Map.of("url", "jdbc:h2:mem:kit_url_" + Integer.toHexString(secret.hashCode())
                + ";USER=sa;PASSWORD=" + secret));
    }
}
