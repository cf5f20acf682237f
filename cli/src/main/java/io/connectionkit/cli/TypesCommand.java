package io.connectionkit.cli;

import io.connectionkit.core.ProviderInfo;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code connections types}: every connector found, and why one that failed to load did. */
@Command(name = "types", mixinStandardHelpOptions = true,
        description = "List every connector found: type, aliases, class, jar, version; for one that failed to load, why.")
final class TypesCommand extends ToolCommand {

    @Override
    int run(ConnectionsCommand.Tool opened) {
        List<ProviderInfo> providers = opened.registry().providers();
        PrintWriter out = out();
        List<List<String>> rows = new ArrayList<>();
        for (ProviderInfo provider : providers) {
            rows.add(List.of(provider.type() == null ? "?" : provider.type(), String.join(", ", provider.aliases()),
                    provider.className() == null ? "?" : provider.className(), provider.jar(),
                    provider.version() == null ? "" : provider.version(), provider.status().name().toLowerCase()));
        }
        out.print(Tables.of(List.of("type", "aliases", "class", "jar", "version", "status"), rows));
        boolean failed = false;
        for (ProviderInfo provider : providers) {
            if (provider.failure() != null) {
                failed |= provider.status() == ProviderInfo.Status.FAILED;
                out.println((provider.className() == null ? provider.jar() : provider.className()) + ": "
                        + provider.failure());
            }
        }
        return failed ? 1 : 0;
    }
}
