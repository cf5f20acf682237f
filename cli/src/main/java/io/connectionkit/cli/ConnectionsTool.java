package io.connectionkit.cli;

import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.UnknownConnectionTypeException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code connections}: inspect, check and query the connections configured in
 * {@code secrets.toml}, through the same registry an application uses.
 *
 * <pre>
 * java -jar cli/target/connections.jar list
 * java -jar cli/target/connections.jar query pets "select * from pets where age &gt; :age" --param age=3
 * </pre>
 *
 * <p>Exit codes: 0 when all went well, 1 when something failed (a connection, a statement), 2 for a
 * command line that cannot be run. Errors are one or two lines; {@code --verbose} adds the log and
 * the stack trace. No secret is ever printed: values of sensitive keys are masked, and what
 * connectors and drivers say reaches here masked.
 */
public final class ConnectionsTool {

    /** The quiet runs under way in this JVM, and the levels their handlers had before. */
    private static int quietRuns;
    private static final Map<Handler, Level> quietedHandlers = new LinkedHashMap<>();

    private ConnectionsTool() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            // slf4j-simple reads this once, when the first logger is made: before the command runs.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        } else {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line with {@code out} and {@code err} as the streams, and returns its exit
     * code; for tests, and for an application that embeds the tool.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine commandLine = new CommandLine(new ConnectionsCommand(err))
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(ConnectionsTool::usageError)
                .setExecutionExceptionHandler(ConnectionsTool::failure);
        boolean quiet = !Arrays.asList(args).contains("--verbose");
        if (quiet) {
            quietDriverLogs();
        }
        try {
            return commandLine.execute(args);
        } finally {
            if (quiet) {
                restoreDriverLogs();
            }
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** A command line that cannot be run: what is wrong and where to look, exit code 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("connections: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return 2;
    }

    /**
     * A failure while running: its message, without a stack trace unless {@code --verbose}; exit
     * code 1, or 2 for a statement or values the tool cannot run as given (a parameter without a
     * value, say), which the command line must change.
     */
    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("connections: " + describe(e));
        if (e instanceof IllegalArgumentException) {
            err.println("Give :name parameters with --param NAME=VALUE (or --text), ? placeholders with --arg VALUE.");
        }
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        return e instanceof ToolException tool ? tool.exitCode() : e instanceof IllegalArgumentException ? 2 : 1;
    }

    /** Whether {@code --verbose} was given, before the subcommand or after it. */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose") && Boolean.TRUE.equals(level.matchedOptionValue("--verbose", false))) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, in the words of the exception and, for a wrapper, of its cause. */
    static String describe(Throwable e) {
        boolean ours = e instanceof ConnectionException || e instanceof QueryException
                || e instanceof ConnectionConfigException || e instanceof ToolException
                || e instanceof IllegalArgumentException; // the JDBC core's words for a statement it cannot bind
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : ours ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())
                && e instanceof ConnectionException) {
            message += System.lineSeparator() + "  caused by: " + cause.getMessage();
        }
        return message;
    }

    /**
     * Turns the console handlers of {@code java.util.logging}, through which the Snowflake driver
     * and others log, off while a quiet run lasts; runs of one JVM that overlap share it, and the
     * last to end restores the handlers.
     */
    private static synchronized void quietDriverLogs() {
        if (quietRuns++ == 0) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                quietedHandlers.put(handler, handler.getLevel());
                handler.setLevel(Level.OFF);
            }
        }
    }

    private static synchronized void restoreDriverLogs() {
        if (--quietRuns == 0) {
            quietedHandlers.forEach(Handler::setLevel);
            quietedHandlers.clear();
        }
    }}
