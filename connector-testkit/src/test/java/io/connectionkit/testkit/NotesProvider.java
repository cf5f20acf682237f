package io.connectionkit.testkit;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

/** Serves type {@code notes}, the kit's own test connector. */
public final class NotesProvider implements ConnectionProvider {

    @Override
    public String type() {
        return "notes";
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return NotesConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new NotesConnection(context);
    }
}
