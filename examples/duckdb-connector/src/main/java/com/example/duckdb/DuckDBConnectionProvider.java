package com.example.duckdb;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

/** Serves type {@code duckdb}; listed in this jar's {@code META-INF/services}. */
public final class DuckDBConnectionProvider implements ConnectionProvider {

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return DuckDBConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new DuckDBConnection(context);
    }
}
