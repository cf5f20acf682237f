package io.connectionkit.cli;

import io.connectionkit.core.ConfiguredConnection;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.core.Secrets;

import java.util.List;

/** The connections the secrets configure, or the tool's error when no secrets file was found. */
final class ConfiguredConnections {

    private ConfiguredConnections() {
    }

    /**
     * Every connection of the secrets, in file order.
     *
     * @throws ToolException when no secrets file was found, naming the paths looked at
     */
    static List<ConfiguredConnection> of(ConnectionRegistry registry) {
        Secrets secrets = registry.secrets();
        if (secrets.isEmpty()) {
            throw ToolException.failed("No secrets file found; looked for " + secrets.searched().stream()
                    .map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("none")
                    + ". Give one with --secrets FILE.");
        }
        return registry.configuredConnections();
    }
}
