package io.connectionkit.cli;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;

/** A connection that neither queries nor executes: named by its class as the type, as a connector may be. */
public final class PlainConnection extends BaseConnection<String> {

    public PlainConnection(ConnectionContext context) {
        super(context);
    }

    @Override
    protected String connect(ConnectionConfig config) {
        return "plain";
    }
}
