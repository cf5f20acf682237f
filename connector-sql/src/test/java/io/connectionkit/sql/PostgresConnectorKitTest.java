package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;
import org.junit.jupiter.api.Tag;

/** SQLConnection on the PostgreSQL server of this machine (127.0.0.1:5432, trust) passes the connector testkit. */
@Tag("db")
class PostgresConnectorKitTest extends SqlConnectorKit {

    @Override
    public ConnectorConfig configuration(String secret) {
        // Trust authentication ignores the password, so the secret can be the real password key.
        return ConnectorConfig.toml("""
                url = "postgresql://postgres@127.0.0.1:5432/test"
                password = "%s"
                retry_wait = 0
                """.formatted(secret));
    }

    @Override
    public String freshQuery() {
        return "select md5(random()::text || clock_timestamp()::text) as id";
    }
}
