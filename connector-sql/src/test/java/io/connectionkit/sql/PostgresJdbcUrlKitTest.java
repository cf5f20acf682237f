package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

/**
 * The connector testkit on PostgreSQL with the secret as the password inside a {@code jdbc:} URL,
 * where pgjdbc would log it with its URL (at DEBUG, which the kit captures) if it stayed there.
 */
class PostgresJdbcUrlKitTest extends PostgresConnectorKitTest {

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=%s"
                retry_wait = 0
                """.formatted(secret));
    }
}
