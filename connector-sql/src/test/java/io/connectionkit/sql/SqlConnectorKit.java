package io.connectionkit.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.testkit.ConnectorConfig;
import io.connectionkit.testkit.ConnectorTestKit;

/**
 * The connector testkit's hooks that every database shares; one subclass per database (and per
 * place a password is written). The rejected configuration is a URL of an unknown dialect whose
 * password is the secret, so the kit proves that the error naming {@code url} does not repeat it.
 */
abstract class SqlConnectorKit implements ConnectorTestKit<SQLConnection> {

    @Override
    public Class<SQLConnection> connectionClass() {
        return SQLConnection.class;
    }

    @Override
    public ConnectorConfig invalidConfiguration(String secret) {
        return ConnectorConfig.toml("url = \"nosuchdb://app:" + secret + "@127.0.0.1:5432/pets\"");
    }

    @Override
    public String invalidConfigurationKey() {
        return "url";
    }

    @Override
    public boolean isReleased(Object client) {
        return ((HikariDataSource) client).isClosed();
    }

    @Override
    public String rowsQuery() {
        return "select 1 as one";
    }

    @Override
    public String parameterisedQuery() {
        return "select cast(:value as varchar(20)) as val";
    }
}
