package io.connectionkit.cli;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code connections query NAME "SQL"}: runs a statement through a connection and prints its rows,
 * or, for a statement that changes data and returns none, how many rows it changed.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a statement through a connection: print its rows as a table, CSV or JSON, or the number of"
                + " rows a statement that changes data changed.")
final class QueryCommand extends ToolCommand {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection, as configured in the secrets.")
    String name;

    @Parameters(index = "1", paramLabel = "SQL", description = "The statement, with :name parameters.")
    String sql;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A value for :NAME; repeatable. A whole or decimal number, true or false is bound as one,"
                    + " anything else as text.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, the default), csv (RFC 4180) or json.")
    ResultFormat format;

    @Option(names = "--no-spinner", description = "No spinner on standard error while the statement runs.")
    boolean noSpinner;

    @Override
    int run(ConnectionsCommand.Tool opened) {
        BaseConnection<?> connection = opened.withPlugins(() -> opened.registry().get(name));
        QueryOptions options = QueryOptions.noCache().params(typed(params));
        PrintWriter out = out();
        try (Spinner spinner = Spinner.start(tool.err, !noSpinner && System.console() != null,
                Duration.ofMillis(500))) {
            if (connection instanceof Executable executable && executable.returnsNoRows(sql)) {
                long count = opened.withPlugins(() -> executable.execute(sql, options));
                spinner.stop();
                format.writeCount(count, out);
            } else if (connection instanceof Queryable queryable) {
                QueryResult rows = opened.withPlugins(() -> queryable.query(sql, options));
                spinner.stop();
                format.write(rows, out);
            } else {
                throw ToolException.failed("Connection " + name + " (type " + connection.type()
                        + ") cannot run statements: its connector offers no query or execute.");
            }
        }
        out.flush();
        return 0;
    }

    /** Each value as the type it reads as: a whole number, a decimal, a boolean, else the text. */
    static Map<String, Object> typed(Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((key, text) -> values.put(key, WHOLE_NUMBER.matcher(text).matches() ? (Object) Long.valueOf(text)
                : DECIMAL.matcher(text).matches() ? new BigDecimal(text)
                : text.equals("true") || text.equals("false") ? (Object) Boolean.valueOf(text)
                : text));
        return values;
    }
}
