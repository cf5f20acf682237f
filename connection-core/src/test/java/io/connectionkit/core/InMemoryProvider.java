package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

import java.util.Set;

/** The test connector's provider, registered in the test resources' META-INF/services. */
public final class InMemoryProvider implements ConnectionProvider {

    @Override
    public String type() {
        return "inmemory";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mem");
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return InMemoryConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new InMemoryConnection(context);
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of("api_key");
    }
}
