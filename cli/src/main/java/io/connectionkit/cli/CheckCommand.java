package io.connectionkit.cli;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.ConfiguredConnection;
import io.connectionkit.core.ConnectionRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code connections check [NAME...]}: connects to each, and says how it went and how long it took. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connect to each named connection (all configured ones when none is named) and report ok or the"
                + " error, and how long connecting took. Exits with 1 when any failed.")
final class CheckCommand extends ToolCommand {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Connections to check; all configured ones when none.")
    List<String> names = new ArrayList<>();

    @Override
    int run(ConnectionsCommand.Tool opened) {
        List<String> toCheck = names.isEmpty()
                ? ConfiguredConnections.of(opened.registry()).stream().map(ConfiguredConnection::name).toList()
                : names;
        PrintWriter out = out();
        if (toCheck.isEmpty()) {
            out.println("No connection configured to check.");
            return 0;
        }
        int failed = 0;
        for (String name : toCheck) {
            failed += check(opened, name, out) ? 0 : 1;
        }
        out.println(toCheck.size() - failed + " ok, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private boolean check(ConnectionsCommand.Tool opened, String name, PrintWriter out) {
        ConnectionRegistry registry = opened.registry();
        long start = System.nanoTime();
        try {
            BaseConnection<?> connection = opened.withPlugins(() -> registry.get(name));
            out.println("ok      " + name + " (" + connection.type() + ") in " + millis(start));
            return true;
        } catch (RuntimeException e) {
            out.println("FAILED  " + name + " in " + millis(start) + ": " + ConnectionsTool.describe(e));
            if (tool.verbose) {
                e.printStackTrace(err());
            }
            return false;
        }
    }

    private static String millis(long start) {
        return (System.nanoTime() - start) / 1_000_000 + " ms";
    }
}
