package io.connectionkit.cli;

import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code connections emulator snowflake}: a local Snowflake for local work, until interrupted. */
@Command(name = "emulator", mixinStandardHelpOptions = true, description = "Start a local emulator of a database.",
        subcommands = EmulatorCommand.Snowflake.class)
final class EmulatorCommand implements Runnable {

    @Override
    public void run() {
        throw ToolException.usage("name the emulator to start: snowflake");
    }

    /** The Snowflake emulator on 127.0.0.1, with the secrets section that reaches it; stops on Ctrl-C. */
    @Command(name = "snowflake", mixinStandardHelpOptions = true,
            description = "Start the Snowflake emulator on 127.0.0.1 and print how to connect to it; Ctrl-C stops it.")
    static final class Snowflake implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "N", defaultValue = "8085",
                description = "The port on 127.0.0.1 (default ${DEFAULT-VALUE}); 0 picks a free one.")
        int port;

        @Option(names = "--user", paramLabel = "NAME:PASSWORD",
                description = "A user who logs in with a password; repeatable (default emulator:emulator).")
        List<String> users = new ArrayList<>();

        @Option(names = "--database", paramLabel = "NAME", description = "A database with schema PUBLIC; repeatable.")
        List<String> databases = new ArrayList<>();

        @Override
        public Integer call() {
            if (port < 0 || port > 65_535) {
                throw ToolException.usage("--port " + port + ": expected 0 to 65535");
            }
            SnowflakeEmulator.Builder builder = SnowflakeEmulator.builder().port(port);
            for (String user : users) {
                int colon = user.indexOf(':');
                if (colon <= 0) {
                    throw ToolException.usage("--user expects NAME:PASSWORD");
                }
                builder.user(user.substring(0, colon), user.substring(colon + 1));
            }
            // The emulator's own user, whose password is no secret, unless others are given.
            String firstUser = users.isEmpty() ? "emulator" : users.get(0).substring(0, users.get(0).indexOf(':'));
            String password = users.isEmpty() ? "emulator" : "...";
            databases.forEach(builder::database);
            CountDownLatch stopped = new CountDownLatch(1);
            SnowflakeEmulator started;
            try {
                started = builder.start();
            } catch (java.io.UncheckedIOException e) {
                throw ToolException.failed("The emulator could not listen on 127.0.0.1:" + port + " (" + e.getMessage()
                        + "): the port may be in use; choose another with --port, or --port 0 for a free one.");
            }
            SnowflakeEmulator emulator = started;
            try {
                Thread hook = new Thread(() -> {
                    emulator.close();
                    stopped.countDown();
                }, "connections-emulator-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Snowflake emulator on 127.0.0.1:" + emulator.port() + " (account " + emulator.account()
                        + "); Ctrl-C stops it. JDBC URL: " + emulator.jdbcUrl());
                out.println("In .streamlit/secrets.toml:");
                out.println("[connections.snowflake]");
                out.println("account = \"" + emulator.account() + "\"");
                out.println("user = \"" + firstUser + "\"");
                out.println("password = \"" + password + "\"");
                out.println("host = \"127.0.0.1\"");
                out.println("port = " + emulator.port());
                out.println("protocol = \"http\"");
                if (!databases.isEmpty()) {
                    out.println("database = \"" + databases.get(0) + "\"");
                }
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // asked to stop, as Ctrl-C asks: the emulator closes below
                } finally {
                    removeHook(hook);
                }
            } finally {
                emulator.close();
            }
            return 0;
        }

        private static void removeHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it stops the emulator itself.
            }
        }
    }
}
