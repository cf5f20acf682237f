package io.connectionkit.sql;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

import java.util.Collection;

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

    /**
     * The secret values in {@code config} that only this connector can find, for the
     * configuration to mask wherever they show: those written inside {@code url} (the password of
     * its user info, a {@code password=} or other secret-named parameter or setting, Oracle's
     * {@code user/password@}), each both as written in the URL (%-encoded, in SQL Server's braces,
     * in Oracle's double quotes) and as the driver is given it; and the values of the
     * {@code query} entries whose name is sensitive, which go to the driver as properties. Which
     * names hold secrets, inside {@code url} too, is the configuration's one rule,
     * {@link ConnectionConfig#isSensitive}. A {@code url} that cannot be read is returned whole,
     * as one secret. Never throws.
     */
    @Override
    public Collection<String> secretsIn(ConnectionConfig config) {
        return ConfigSecrets.in(config);
    }
}
