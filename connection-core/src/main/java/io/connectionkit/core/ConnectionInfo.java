package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;

import java.util.function.Supplier;

/**
 * One connection of a registry, as a {@link ConnectionListener} sees it: its name, type and where
 * it was configured, never a secret. One instance stands for one connection from its creation to
 * its close, so instances compare by identity; a connection created again under the same name
 * (after its ttl, say) gets a new one.
 */
public final class ConnectionInfo {

    private final String name;
    private final String type;
    private final Supplier<ConfigSource> source;

    ConnectionInfo(String name, String type, Supplier<ConfigSource> source) {
        this.name = name;
        this.type = type;
        this.source = source;
    }

    /** The name it was asked for, {@code pets} for {@code [connections.pets]}. */
    public String name() {
        return name;
    }

    /** The connector type that serves it ({@code sql}), or a class name given as the type. */
    public String type() {
        return type;
    }

    /** Where its configuration is, such as {@code .streamlit/secrets.toml:12}; follows changes of the secrets. */
    public ConfigSource source() {
        return source.get();
    }

    /** {@code ConnectionInfo[name=pets, type=sql, from=.streamlit/secrets.toml:12]}. */
    @Override
    public String toString() {
        return "ConnectionInfo[name=" + name + ", type=" + type + ", from=" + source() + "]";
    }
}
