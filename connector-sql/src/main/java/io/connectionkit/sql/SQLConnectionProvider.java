package io.connectionkit.sql;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

/** Serves type {@code sql}; listed in this jar's {@code META-INF/services}. */
public final class SQLConnectionProvider implements ConnectionProvider {

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return SQLConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new SQLConnection(context);
    }
}
