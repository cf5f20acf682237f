package io.connectionkit.cli;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.core.ProviderInfo;
import io.connectionkit.core.Secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The connections the secrets configure: each {@code [connections.<name>]} table, where it is, and its type. */
final class ConfiguredConnections {

    /** One configured connection; {@code config} masks its secrets. */
    record Configured(String name, String type, ConfigSource source, ConnectionConfig config) {
    }

    private ConfiguredConnections() {
    }

    /**
     * Every connection of the secrets, in file order.
     *
     * @throws ToolException when no secrets file was found, naming the paths looked at
     */
    static List<Configured> of(ConnectionRegistry registry) {
        Secrets secrets = registry.secrets();
        if (secrets.isEmpty()) {
            throw ToolException.failed("No secrets file found; looked for " + secrets.searched().stream()
                    .map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("none")
                    + ". Give one with --secrets FILE.");
        }
        ConnectionConfig connections = secrets.table("connections");
        List<Configured> found = new ArrayList<>();
        for (String name : connections.keys()) {
            Optional<ConnectionConfig> table = connections.table(name);
            if (table.isEmpty()) {
                continue;
            }
            String path = "connections." + quoted(name);
            ConfigSource source = secrets.sourceOf(path).orElse(ConfigSource.NONE);
            found.add(new Configured(name, typeOf(name, table.get(), registry.providers()), source,
                    secrets.table(path)));
        }
        return found;
    }

    /** {@code type}, else a type or alias the name equals, as the registry infers it; else {@code ?}. */
    private static String typeOf(String name, ConnectionConfig config, List<ProviderInfo> providers) {
        Optional<String> given = config.string("type");
        if (given.isPresent()) {
            return given.get();
        }
        for (ProviderInfo provider : providers) {
            if (provider.type() != null && (provider.type().equals(name) || provider.aliases().contains(name))) {
                return provider.type();
            }
        }
        return "?";
    }

    /** A key as a dotted path takes it, quoted when it holds a dot or a quote. */
    static String quoted(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "") + "\"";
    }
}
