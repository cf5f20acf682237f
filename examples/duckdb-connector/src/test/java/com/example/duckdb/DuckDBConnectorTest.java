package com.example.duckdb;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.testkit.ConnectorConfig;
import io.connectionkit.testkit.ConnectorTestKit;

import java.sql.Connection;
import java.sql.SQLException;

/** The DuckDB connector passes every check of the connector testkit. */
class DuckDBConnectorTest implements ConnectorTestKit<DuckDBConnection> {

    @Override
    public Class<DuckDBConnection> connectionClass() {
        return DuckDBConnection.class;
    }

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                database = ":memory:"
                motherduck_token = "%s"
                config = { threads = 2 }
                """.formatted(secret));
    }

    @Override
    public ConnectorConfig invalidConfiguration(String secret) {
        return ConnectorConfig.toml("""
                databse = "sales.duckdb"
                motherduck_token = "%s"
                """.formatted(secret));
    }

    @Override
    public String invalidConfigurationKey() {
        return "databse";
    }

    @Override
    public boolean isReleased(Object client) {
        try {
            return ((Connection) client).isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String rowsQuery() {
        return "select 42 as answer";
    }

    @Override
    public String parameterisedQuery() {
        return "select ? as value";
    }

    @Override
    public QueryOptions withParameter(QueryOptions options, String value) {
        return options.args(value);
    }

    @Override
    public String freshQuery() {
        return "select uuid()::varchar as id";
    }
}
