package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;

/**
 * SQLConnection on an in-memory DuckDB database passes the connector testkit. DuckDB takes its
 * settings as driver properties; the secret is one of them, a setting any database accepts offline.
 */
class DuckDbConnectorKitTest extends SqlConnectorKit {

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                url = "duckdb://"
                query = { http_proxy_password = "%s" }
                """.formatted(secret));
    }

    @Override
    public String freshQuery() {
        return "select uuid()::varchar as id";
    }
}
