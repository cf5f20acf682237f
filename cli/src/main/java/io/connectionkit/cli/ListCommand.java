package io.connectionkit.cli;

import io.connectionkit.core.ConfiguredConnection;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code connections list}: the connections of the secrets, where each is, its type and its keys, secrets masked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the connections configured in the secrets: type, file and line, keys (secrets masked).")
final class ListCommand extends ToolCommand {

    @Override
    int run(ConnectionsCommand.Tool opened) {
        List<ConfiguredConnection> connections = ConfiguredConnections.of(opened.registry());
        PrintWriter out = out();
        if (connections.isEmpty()) {
            out.println("No [connections.<name>] table in " + opened.registry().secrets().files() + ".");
            return 0;
        }
        for (ConfiguredConnection connection : connections) {
            out.println(connection.name() + " (type " + (connection.type() == null ? "?" : connection.type()) + ") at " + connection.source());
            for (Map.Entry<String, Object> key : connection.config().masked().entrySet()) {
                out.println("  " + key.getKey() + " = " + key.getValue());
            }
        }
        return 0;
    }
}
