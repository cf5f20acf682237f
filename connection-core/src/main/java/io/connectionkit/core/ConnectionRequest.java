package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of Streamlit's {@code st.connection(name, type, max_entries, ttl, **kwargs)}
 * for one call. Not thread-safe; build it, call {@link #get()}, drop it.
 *
 * <pre>{@code
 * SQLConnection db = Connections.request("pets")
 *         .type("sql")
 *         .option("autocommit", false)
 *         .ttl(Duration.ofHours(1))
 *         .get(SQLConnection.class);
 * }</pre>
 */
public final class ConnectionRequest {

    private final ConnectionRegistry registry;
    private final String name;
    private String typeName;
    private Class<?> typeClass;
    private Integer maxEntries;
    private Duration ttl;
    private final Map<String, Object> options = new LinkedHashMap<>();

    ConnectionRequest(ConnectionRegistry registry, String name) {
        this.registry = registry;
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A short type ({@code sql}), an alias, or the fully qualified class name of a connection or provider. */
    public ConnectionRequest type(String typeOrClassName) {
        this.typeName = Objects.requireNonNull(typeOrClassName, "typeOrClassName");
        this.typeClass = null;
        return this;
    }

    /** A connection class, constructed through its public {@code (ConnectionContext)} constructor. */
    public ConnectionRequest type(Class<? extends BaseConnection<?>> connectionClass) {
        this.typeClass = Objects.requireNonNull(connectionClass, "connectionClass");
        this.typeName = null;
        return this;
    }

    /** Bounds how many connections with these cache settings are kept; the least used is closed. */
    public ConnectionRequest maxEntries(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        return this;
    }

    /** Closes and forgets the connection this long after it was created; the next get creates it again. */
    public ConnectionRequest ttl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        this.ttl = ttl;
        return this;
    }

    /**
     * Sets one option, which overrides the key of the same name in the secrets section. The value
     * is part of the cache key, so it must be a string, number, boolean, enum, record, or a list
     * or map of those; a map is a nested table.
     */
    public ConnectionRequest option(String key, Object value) {
        options.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** Sets several options, as {@link #option} does. */
    public ConnectionRequest options(Map<String, ?> values) {
        values.forEach(this::option);
        return this;
    }

    /** The connection, created on first request and shared afterwards. */
    public BaseConnection<?> get() {
        return registry.obtain(this, null);
    }

    /**
     * The connection as {@code type}.
     *
     * @throws io.connectionkit.api.ConnectionConfigException when the configured type serves another class
     */
    public <C extends BaseConnection<?>> C get(Class<C> type) {
        return type.cast(registry.obtain(this, Objects.requireNonNull(type, "type")));
    }

    String name() {
        return name;
    }

    /** Whether nothing but the name is set, as by {@code get(name)} and {@code get(name, Class)}. */
    boolean isPlain() {
        return typeName == null && typeClass == null && maxEntries == null && ttl == null && options.isEmpty();
    }

    String typeName() {
        return typeName;
    }

    Class<?> typeClass() {
        return typeClass;
    }

    Integer maxEntries() {
        return maxEntries;
    }

    Duration ttl() {
        return ttl;
    }

    Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }
}
