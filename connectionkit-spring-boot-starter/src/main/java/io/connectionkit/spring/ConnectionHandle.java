package io.connectionkit.spring;

import io.connectionkit.api.BaseConnection;

/**
 * A connection by name, injected as Spring injects an {@code ObjectProvider}: each {@link #get()}
 * asks the registry for the connection, so a handle never gives one the registry has closed (after
 * its user closed it, or when its secrets changed the type) and always sees the current secrets.
 * Inject it with {@link ConnectionName}:
 *
 * <pre>{@code
 * PetService(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
 *     this.pets = pets;
 * }
 * ...
 * QueryResult rows = pets.get().query("select * from pets", QueryOptions.ttl(Duration.ofMinutes(1)));
 * }</pre>
 *
 * <p>Why a handle rather than the connection itself: a connection lives in the registry, which may
 * close it and create another, and connector classes such as {@code SQLConnection} are final, so
 * Spring could not put a proxy in their place. Injecting a handle connects nothing; the first
 * {@code get()} creates the connection, and later ones are a map lookup. Keep the handle, not what
 * {@code get()} returns. Thread-safe. Not a {@code Supplier}, so that Spring never offers the
 * starter's handle factory for an injection point of some other {@code Supplier}; pass
 * {@code handle::get} where one is wanted.
 *
 * @param <C> the connection's class, such as {@code io.connectionkit.sql.SQLConnection}, or
 *            {@link BaseConnection BaseConnection&lt;?&gt;} for any
 */
public interface ConnectionHandle<C extends BaseConnection<?>> {

    /** The connection's name as given to {@link ConnectionName}. */
    String name();

    /**
     * The connection, created on first use and shared after, as {@code registry.get(name, type)}
     * gives it.
     *
     * @throws io.connectionkit.api.ConnectionConfigException when it is not configured, or is of
     *                                                        another type
     * @throws io.connectionkit.api.ConnectionException       when connecting fails
     */
    C get();
}
