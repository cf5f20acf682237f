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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
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
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection, as configured in the secrets.")
    String name;

    @Parameters(index = "1", paramLabel = "SQL",
            description = "The statement, with :name parameters or ? placeholders; after -- if it starts with --.")
    String sql;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A value for :NAME; repeatable. A whole or decimal number, true or false, a date"
                    + " (2024-01-31) or date-time (2024-01-31T10:00) is bound as one, anything else as text.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--text", paramLabel = "NAME=VALUE",
            description = "A value for :NAME bound as text whatever it reads as (a code such as 00123, say); repeatable.")
    Map<String, String> texts = new LinkedHashMap<>();

    @Option(names = "--arg", paramLabel = "VALUE",
            description = "A value for the next ? placeholder, typed as --param types it; repeatable.")
    List<String> args = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, the default), csv (RFC 4180) or json.")
    ResultFormat format;

    @Option(names = "--no-spinner", description = "No spinner on standard error while the statement runs.")
    boolean noSpinner;

    @Override
    int run(ConnectionsCommand.Tool opened) {
        BaseConnection<?> connection = opened.withPlugins(() -> opened.registry().get(name));
        QueryOptions options = options();
        PrintWriter out = out();
        CancelOnExit cancelOnExit = CancelOnExit.of(Thread.currentThread());
        try (Spinner spinner = Spinner.start(tool.err, !noSpinner && Terminal.errorIsTerminal(), Duration.ofMillis(500))) {
            if (connection instanceof Executable executable && executable.returnsNoRows(sql)) {
                int count = opened.withPlugins(() -> executable.execute(sql, options));
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
        } finally {
            cancelOnExit.close();
        }
        out.flush();
        return 0;
    }

    /** The values given: {@code --arg}s for {@code ?}, or {@code --param}s and {@code --text}s for {@code :name}. */
    private QueryOptions options() {
        if (!args.isEmpty() && !(params.isEmpty() && texts.isEmpty())) {
            throw ToolException.usage("give values either for ? placeholders (--arg) or for :name parameters"
                    + " (--param, --text), not both");
        }
        if (!args.isEmpty()) {
            return QueryOptions.noCache().args(args.stream().map(QueryCommand::typed).toArray());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((key, text) -> values.put(key, typed(text)));
        texts.forEach((key, text) -> {
            if (values.put(key, text) != null) {
                throw ToolException.usage(":" + key + " is given by both --param and --text");
            }
        });
        return QueryOptions.noCache().params(values);
    }

    /**
     * A value as the type it reads as: a whole number (without a leading zero, up to 18 digits), a
     * decimal, {@code true} or {@code false}, an ISO date or date-time; else the text itself.
     */
    static Object typed(String text) {
        if (WHOLE_NUMBER.matcher(text).matches()) {
            return Long.valueOf(text);
        }
        if (DECIMAL.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
            Matcher dateTime = DATE_TIME.matcher(text);
            if (dateTime.matches()) {
                return dateTime.group(3) == null ? LocalDateTime.parse(text) : OffsetDateTime.parse(text);
            }
        } catch (DateTimeParseException notADate) {
            return text; // 2024-02-30: text, which the database may still read
        }
        return text;
    }
}
