package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlTable;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Snowflake's own configuration files, read as Snowflake's tools read them, so that a connection
 * set up for the Snowflake CLI or the Python connector works here unchanged.
 *
 * <p>The directory is {@code $SNOWFLAKE_HOME}, else {@code ~/.snowflake}. In it,
 * {@code connections.toml} holds one top-level table per connection ({@code [prod]}), and
 * {@code config.toml} holds {@code default_connection_name} and {@code [connections.<name>]}
 * tables. A connection defined in both files is taken whole from {@code connections.toml}; the two
 * are not merged key by key. Missing files are fine: they define nothing. Immutable.
 */
final class SnowflakeConfigFiles {

    static final String HOME_VARIABLE = "SNOWFLAKE_HOME";
    static final String DEFAULT_NAME_VARIABLE = "SNOWFLAKE_DEFAULT_CONNECTION_NAME";
    static final String DEFAULT_NAME_KEY = "default_connection_name";
    static final String FALLBACK_DEFAULT_NAME = "default";

    /**
     * The connection to use when none is named, and what chose it.
     *
     * @param name     the connection's name
     * @param chosenBy in words: {@code SNOWFLAKE_DEFAULT_CONNECTION_NAME}, or the key and its
     *                 {@code file:line}, or that neither is set
     */
    record DefaultConnection(String name, String chosenBy) {
    }

    /** What one file defines: its connections by name, and its default connection name if it sets one. */
    private record Contents(boolean exists, Map<String, ConnectionConfig> connections,
                            @Nullable String defaultName, @Nullable ConfigSource defaultNameSource) {

        static final Contents NONE = new Contents(false, Map.of(), null, null);
    }

    private final SnowflakeToml connectionsFile;
    private final SnowflakeToml configFile;
    private final Contents connectionsToml;
    private final Contents configToml;
    private final @Nullable String defaultNameFromEnvironment;

    private SnowflakeConfigFiles(SnowflakeToml connectionsFile, Contents connectionsToml, SnowflakeToml configFile,
                                 Contents configToml, @Nullable String defaultNameFromEnvironment) {
        this.connectionsFile = connectionsFile;
        this.connectionsToml = connectionsToml;
        this.configFile = configFile;
        this.configToml = configToml;
        this.defaultNameFromEnvironment = defaultNameFromEnvironment;
    }

    /**
     * Reads both files from the directory {@code context}'s environment and home directory give.
     *
     * @param sensitiveKeys keys to mask beyond the ones {@link ConnectionConfig} always masks
     * @throws ConnectionConfigException when a file exists but cannot be read or is not valid TOML
     */
    static SnowflakeConfigFiles read(ConnectionContext context, Collection<String> sensitiveKeys) {
        Path home = context.homeDirectory();
        Map<String, String> environment = context.environment();
        Path directory = directory(home, environment);
        SnowflakeToml connections = SnowflakeToml.in(directory, "connections.toml", home);
        SnowflakeToml config = SnowflakeToml.in(directory, "config.toml", home);
        String defaultName = environment.get(DEFAULT_NAME_VARIABLE);
        return new SnowflakeConfigFiles(connections, readConnectionsToml(connections, sensitiveKeys),
                config, readConfigToml(config, sensitiveKeys),
                defaultName == null || defaultName.isBlank() ? null : defaultName.strip());
    }

    /** {@code $SNOWFLAKE_HOME} (a leading {@code ~} is the home directory), else {@code ~/.snowflake}. */
    static Path directory(Path home, Map<String, String> environment) {
        String configured = environment.get(HOME_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return home.resolve(".snowflake");
        }
        return Path.of(SnowflakeSettings.expandTilde(configured.strip(), home));
    }

    /** {@code connections.toml}: every top-level table is a connection. */
    private static Contents readConnectionsToml(SnowflakeToml file, Collection<String> sensitiveKeys) {
        Optional<TomlTable> read = file.read();
        if (read.isEmpty()) {
            return Contents.NONE;
        }
        TomlTable root = read.get();
        return contents(file, root, connectionsIn(file, root, "", sensitiveKeys));
    }

    /** {@code config.toml}: the tables under {@code connections} are connections. */
    private static Contents readConfigToml(SnowflakeToml file, Collection<String> sensitiveKeys) {
        Optional<TomlTable> read = file.read();
        if (read.isEmpty()) {
            return Contents.NONE;
        }
        TomlTable root = read.get();
        Object connections = root.get(List.of("connections"));
        if (connections != null && !(connections instanceof TomlTable)) {
            throw new ConnectionConfigException("connections: expected a table of connections ([connections.<name>]) ("
                    + file.sourceOf(root, List.of("connections")) + ").");
        }
        Map<String, ConnectionConfig> found = connections == null ? Map.of()
                : connectionsIn(file, (TomlTable) connections, "connections.", sensitiveKeys);
        return contents(file, root, found);
    }

    private static Contents contents(SnowflakeToml file, TomlTable root, Map<String, ConnectionConfig> connections) {
        List<String> key = List.of(DEFAULT_NAME_KEY);
        return new Contents(true, connections, defaultName(file, root), root.contains(key) ? file.sourceOf(root, key) : null);
    }

    /** The tables of {@code parent} as connections, in order; other values there are not connections. */
    private static Map<String, ConnectionConfig> connectionsIn(SnowflakeToml file, TomlTable parent, String pathPrefix,
                                                               Collection<String> sensitiveKeys) {
        Map<String, ConnectionConfig> connections = new LinkedHashMap<>();
        for (String name : parent.keySet()) {
            if (parent.get(List.of(name)) instanceof TomlTable table) {
                ConfigSource source = file.sourceOf(parent, List.of(name));
                connections.put(name, file.toConfig(table, pathPrefix + SnowflakeToml.quoted(name), source, sensitiveKeys));
            }
        }
        return connections;
    }

    private static @Nullable String defaultName(SnowflakeToml file, TomlTable root) {
        Object value = root.get(List.of(DEFAULT_NAME_KEY));
        if (value == null) {
            return null;
        }
        if (!(value instanceof String name) || name.isBlank()) {
            throw new ConnectionConfigException(DEFAULT_NAME_KEY + ": expected the name of a connection, as a string ("
                    + file.sourceOf(root, List.of(DEFAULT_NAME_KEY)) + ").");
        }
        return name.strip();
    }

    /**
     * The default connection's name: {@code $SNOWFLAKE_DEFAULT_CONNECTION_NAME}, else
     * {@code default_connection_name} of {@code config.toml}, else of {@code connections.toml},
     * else {@code default}.
     */
    DefaultConnection defaultConnection() {
        if (defaultNameFromEnvironment != null) {
            return new DefaultConnection(defaultNameFromEnvironment, "environment variable " + DEFAULT_NAME_VARIABLE);
        }
        for (Contents contents : List.of(configToml, connectionsToml)) {
            if (contents.defaultName() != null) {
                return new DefaultConnection(contents.defaultName(), DEFAULT_NAME_KEY + " at " + contents.defaultNameSource());
            }
        }
        return new DefaultConnection(FALLBACK_DEFAULT_NAME, "neither " + DEFAULT_NAME_VARIABLE + " nor "
                + DEFAULT_NAME_KEY + " (in " + configFile.location() + " or " + connectionsFile.location()
                + ") is set");
    }

    /** The connection named {@code name}: from {@code connections.toml}, else from {@code config.toml}. */
    Optional<ConnectionConfig> connection(String name) {
        ConnectionConfig found = connectionsToml.connections().get(name);
        return Optional.ofNullable(found != null ? found : configToml.connections().get(name));
    }

    /** The names of every connection the files define, sorted. */
    Set<String> connectionNames() {
        Set<String> names = new TreeSet<>(connectionsToml.connections().keySet());
        names.addAll(configToml.connections().keySet());
        return names;
    }

    /**
     * Where {@code name} was sought, for an error: {@code [prod] in ~/.snowflake/connections.toml
     * (no such file) and [connections.prod] in ~/.snowflake/config.toml (not there)}.
     */
    String whereSought(String name) {
        String key = SnowflakeToml.quoted(name);
        return "[" + key + "] in " + connectionsFile.location() + " (" + (connectionsToml.exists() ? "not there" : "no such file")
                + ") and [connections." + key + "] in " + configFile.location() + " ("
                + (configToml.exists() ? "not there" : "no such file") + ")";
    }

    /** {@code ~/.snowflake/connections.toml}, or the absolute path outside the home directory. */
    String connectionsLocation() {
        return connectionsFile.location();
    }

    /** {@code ~/.snowflake/config.toml}, or the absolute path outside the home directory. */
    String configLocation() {
        return configFile.location();
    }
}
