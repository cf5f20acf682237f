package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One {@code [connections.<name>]} table of a registry's secrets, as
 * {@link ConnectionRegistry#configuredConnections()} lists them.
 *
 * @param name   the connection's name, {@code pets}
 * @param type   its {@code type} key, else the connector type its name selects (a connection named
 *               {@code snowflake} is of type {@code snowflake}), else {@code null}: the type is then
 *               known only when the connection is asked for, with a type in code
 * @param source where the table is, file and line
 * @param config the table, its secrets masked as every connector found declares them
 */
public record ConfiguredConnection(String name, @Nullable String type, ConfigSource source, ConnectionConfig config) {

    /** Checks that every component but {@code type} is given. */
    public ConfiguredConnection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
    }
}
