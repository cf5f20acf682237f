package io.connectionkit.cli;

import io.connectionkit.core.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The top of the command line: the options every subcommand shares, and the registry they make. */
@Command(name = "connections", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Inspect, check and query the connections configured in secrets.toml.",
        subcommands = {TypesCommand.class, ListCommand.class, CheckCommand.class, QueryCommand.class,
                EmulatorCommand.class},
        footer = {"", "Secrets come from ~/.streamlit/secrets.toml and ./.streamlit/secrets.toml unless --secrets names"
                + " files. Exit codes: 0 ok, 1 a failure, 2 a command line that cannot be run."})
final class ConnectionsCommand implements Runnable {

    /** Read from the parse of every level by {@link #open}, where picocli keeps the last level's only. */
    @Option(names = "--secrets", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "A secrets.toml to read, instead of the default ones; repeatable, a later file wins.")
    List<Path> secretsOfTheLastLevel = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "A folder whose every jar joins the class path: drop a connector's jar (and its driver's) there.")
    @Nullable Path plugins;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the log and stack traces on standard error.")
    boolean verbose;

    /** The error stream, for a spinner that writes straight to it. */
    final PrintStream err;

    ConnectionsCommand(PrintStream err) {
        this.err = err;
    }

    /** {@code connections} alone: what it can do. */
    @Override
    public void run() {
        throw ToolException.usage("a command is missing: types, list, check, query or emulator");
    }

    /**
     * A registry over the secrets and plugins given, which does not watch the files; the caller
     * closes it, and with it the plugins' class loader.
     *
     * @param parsed the parse of the command line, whose every level may name {@code --secrets}
     *               files (picocli keeps only the last level's in the field)
     */
    Tool open(CommandLine.ParseResult parsed) {
        List<Path> secrets = new ArrayList<>();
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            CommandLine.Model.OptionSpec given = level.matchedOption("--secrets");
            if (given != null) {
                given.originalStringValues().forEach(file -> secrets.add(Path.of(file)));
            }
        }
        ConnectionRegistry.Builder builder = ConnectionRegistry.builder().watchSecrets(false);
        if (!secrets.isEmpty()) {
            for (Path file : secrets) {
                if (!Files.isRegularFile(file)) {
                    throw ToolException.usage("--secrets " + file + ": no such file");
                }
            }
            builder.secretsFiles(secrets.toArray(Path[]::new));
        }
        URLClassLoader pluginLoader = plugins == null ? null : pluginLoader(plugins);
        if (pluginLoader == null) {
            return new Tool(builder.build(), null, null);
        }
        try {
            builder.classLoader(pluginLoader);
            return new Tool(builder.build(), pluginLoader, PluginDrivers.register(pluginLoader));
        } catch (RuntimeException e) {
            closeQuietly(pluginLoader);
            throw e;
        }
    }

    /** Every jar of {@code folder}, over the tool's own class path. */
    private static URLClassLoader pluginLoader(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw ToolException.usage("--plugins " + folder + ": no such folder");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the plugins folder " + folder, e);
        }
        return new URLClassLoader("plugins", jars.toArray(URL[]::new), ConnectionsCommand.class.getClassLoader());
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // The jars stay open until the JVM ends; nothing is lost.
        }
    }

    /** The registry of one command, the class loader of its plugins and their drivers, closed together. */
    record Tool(ConnectionRegistry registry, @Nullable URLClassLoader plugins, @Nullable PluginDrivers drivers)
            implements AutoCloseable {

        /**
         * Runs {@code work} with the plugins' loader as the thread's context class loader, where
         * drivers and service loaders look.
         */
        <T> T withPlugins(Supplier<T> work) {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            if (plugins != null) {
                thread.setContextClassLoader(plugins);
            }
            try {
                return work.get();
            } finally {
                thread.setContextClassLoader(before);
            }
        }

        @Override
        public void close() {
            try {
                registry.close();
            } finally {
                if (drivers != null) {
                    drivers.close();
                }
                if (plugins != null) {
                    closeQuietly(plugins);
                }
            }
        }
    }
}
