package io.connectionkit.spring;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.ConnectionRegistry;

/**
 * A handle that asks {@code registry} on every {@link #get()}: a map lookup for a live connection.
 *
 * @param type    the class asked for, {@code BaseConnection} itself when {@code anyType}
 * @param anyType whether any connection will do: then the name alone decides its type, as
 *                {@code registry.get(name)}, since asking for {@code BaseConnection} would let that
 *                class choose among every connector
 */
record RegistryConnectionHandle<C extends BaseConnection<?>>(ConnectionRegistry registry, String name,
                                                              Class<C> type, boolean anyType)
        implements ConnectionHandle<C> {

    @Override
    @SuppressWarnings("unchecked") // anyType: C is BaseConnection<?>
    public C get() {
        return anyType ? (C) registry.get(name) : registry.get(name, type);
    }

    /** {@code ConnectionHandle[pets: SQLConnection]}; never a secret. */
    @Override
    public String toString() {
        return "ConnectionHandle[" + name + ": " + type.getSimpleName() + "]";
    }
}
