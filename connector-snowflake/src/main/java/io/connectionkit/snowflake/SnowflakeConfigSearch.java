package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.snowflake.driver.SnowflakeSettings;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.connectionkit.snowflake.driver.SnowflakeSettings.SENSITIVE_KEYS;

/**
 * Where a {@code snowflake} connection's configuration is found, as Streamlit's
 * {@code SnowflakeConnection} finds it; the first that applies: the connection's
 * {@code [connections.<name>]} section of the secrets, with the options over it; else, for the
 * names {@code snowflake} and {@code default}, Snowflake's default connection from its own files
 * ({@link SnowflakeConfigFiles}), or the options alone when the files have none; else the
 * connection of that name from those files. Options given in code win over any of them.
 */
final class SnowflakeConfigSearch {

    /** Names that ask for Snowflake's default connection, as Streamlit's versions did. */
    static final Set<String> DEFAULT_NAMES = Set.of("snowflake", "default");

    private SnowflakeConfigSearch() {
    }

    /**
     * The settings of {@code context}'s connection, from the first place that has them.
     *
     * @throws ConnectionConfigException when no place has them (naming every place looked at), or
     *                                   they are missing a required key or hold a bad value
     */
    static SnowflakeSettings resolve(ConnectionContext context) {
        Objects.requireNonNull(context, "context");
        ConnectionConfig given = context.config();
        if (hasSecretsSection(given)) {
            ConnectionConfig config = ConnectionConfig.builder(given.path()).sensitiveKeys(SENSITIVE_KEYS).putAll(given).build();
            return SnowflakeSettings.of(config, given.source().toString(), context.homeDirectory());
        }
        SnowflakeConfigFiles files = SnowflakeConfigFiles.read(context, SENSITIVE_KEYS);
        String name = context.name();
        boolean useDefault = DEFAULT_NAMES.contains(name);
        SnowflakeConfigFiles.@Nullable DefaultConnection chosen = useDefault ? files.defaultConnection() : null;
        String wanted = chosen != null ? chosen.name() : name;
        Optional<ConnectionConfig> fromFiles = files.connection(wanted);
        if (fromFiles.isPresent()) {
            ConnectionConfig file = fromFiles.get();
            ConnectionConfig config = ConnectionConfig.builder(file.path()).sensitiveKeys(SENSITIVE_KEYS)
                    .putAll(file).putAll(given).source(file.source()).build();
            return SnowflakeSettings.of(config, file.source().toString(), context.homeDirectory());
        }
        if (useDefault && !given.isEmpty()) {
            // As the Python connector given keyword arguments alone: the options are the whole configuration.
            ConnectionConfig config = ConnectionConfig.builder(given.path()).sensitiveKeys(SENSITIVE_KEYS).putAll(given)
                    .source(ConfigSource.OPTION).build();
            return SnowflakeSettings.of(config, ConfigSource.OPTION.toString(), context.homeDirectory());
        }
        throw nothingFound(given.path(), name, files, chosen);
    }

    /** Whether the secrets have a section for the connection: any value of it that is not an option. */
    private static boolean hasSecretsSection(ConnectionConfig config) {
        return config.keys().stream()
                .anyMatch(key -> !config.sourceOf(key).orElse(ConfigSource.OPTION).equals(ConfigSource.OPTION));
    }

    private static ConnectionConfigException nothingFound(String sectionPath, String name, SnowflakeConfigFiles files,
                                                          SnowflakeConfigFiles.@Nullable DefaultConnection chosen) {
        String wanted = chosen != null ? chosen.name() : name;
        StringBuilder text = new StringBuilder("No Snowflake configuration for connection '").append(name)
                .append("'. Looked for: [").append(sectionPath).append("] in secrets.toml; ");
        if (chosen != null) {
            text.append("Snowflake's default connection, '").append(wanted).append("' (").append(chosen.chosenBy())
                    .append("), as ");
        } else {
            text.append("a connection named '").append(wanted).append("' as ");
        }
        text.append(files.whereSought(wanted)).append('.');
        Set<String> defined = files.connectionNames();
        if (!defined.isEmpty()) {
            ConnectionConfig.nearestKey(wanted, defined).ifPresent(near -> text.append(" Did you mean ").append(near).append('?'));
            text.append(" Connections in Snowflake's files: ").append(String.join(", ", defined)).append('.');
        }
        text.append(" Add a [").append(sectionPath).append("] section with account, user and password to")
                .append(" .streamlit/secrets.toml, or a [").append(SnowflakeToml.quoted(wanted)).append("] connection to ")
                .append(files.connectionsLocation());
        if (chosen != null) {
            text.append(", or give account, user and password as options in code");
        }
        return new ConnectionConfigException(text.append('.').toString());
    }
}
