package com.example.duckdb;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.testkit.ConnectorConfig;
import io.connectionkit.testkit.ConnectorTestKit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The DuckDB connector passes every check of the connector testkit. The kit's secret goes where it
 * reaches the driver, as a DuckDB setting any database takes offline, so a connector that shows
 * what it hands the driver fails the kit. {@code motherduck_token} would not: it is passed only for
 * a MotherDuck database, which needs the network.
 */
class DuckDBConnectorTest implements ConnectorTestKit<DuckDBConnection> {

    @Override
    public Class<DuckDBConnection> connectionClass() {
        return DuckDBConnection.class;
    }

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                database = ":memory:"
                config = { threads = 2, http_proxy_password = "%s" }
                """.formatted(secret));
    }

    @Override
    public ConnectorConfig invalidConfiguration(String secret) {
        return ConnectorConfig.toml("""
                databse = "sales.duckdb"
                config = { http_proxy_password = "%s" }
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
