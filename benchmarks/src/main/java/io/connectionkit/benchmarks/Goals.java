package io.connectionkit.benchmarks;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs every benchmark the speed goals need, measures the memory goal, and prints one table:
 * each goal's ratio of measured to baseline, both from this run, and whether it is within the
 * goal. JMH options given on the command line apply (e.g. {@code -f 1 -wi 1 -i 1} for a smoke
 * run, {@code -rf json -rff run1.json} to keep the numbers); a benchmark pattern given there
 * runs only what it matches, and the goals of the others show "not run".
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.connectionkit.benchmarks.Goals}</pre>
 */
public final class Goals {

    private static final String PACKAGE = "io.connectionkit.benchmarks.";

    /** A speed goal: {@code measured} takes at most {@code limit} times as long as {@code baseline}. */
    private record Goal(String what, String measured, String baseline, double limit) {
    }

    private static final List<Goal> SPEED_GOALS = List.of(
            new Goal("uncached query, 1 row, vs plain JDBC that reads labels and type names",
                    "QueryBenchmark.oneRowUncached", "QueryBenchmark.oneRowPlainJdbcWithColumns", 1.05),
            new Goal("uncached query, 1,000 rows, vs plain JDBC",
                    "QueryBenchmark.thousandRowsUncached", "QueryBenchmark.thousandRowsPlainJdbc", 1.10),
            new Goal("uncached query, 1 row, vs Spring NamedParameterJdbcTemplate.queryForList",
                    "QueryBenchmark.oneRowUncached", "QueryBenchmark.oneRowSpring", 1.0),
            new Goal("uncached query, 1,000 rows, vs Spring NamedParameterJdbcTemplate.queryForList",
                    "QueryBenchmark.thousandRowsUncached", "QueryBenchmark.thousandRowsSpring", 1.0),
            new Goal("uncached query, 1 row, vs JDBI mapToMap().list()",
                    "QueryBenchmark.oneRowUncached", "QueryBenchmark.oneRowJdbi", 1.0),
            new Goal("uncached query, 1,000 rows, vs JDBI mapToMap().list()",
                    "QueryBenchmark.thousandRowsUncached", "QueryBenchmark.thousandRowsJdbi", 1.0),
            new Goal("cache hit, QueryOptions built in the call, vs bare Caffeine getIfPresent",
                    "CacheHitBenchmark.connectorHit", "CacheHitBenchmark.caffeineHit", 1.5),
            new Goal("Connections.get(name) vs ConcurrentHashMap.get",
                    "ConnectionsGetBenchmark.connectionsGet", "ConnectionsGetBenchmark.concurrentHashMapGet", 2.0),
            new Goal("Connections.get(name, SQLConnection.class) vs ConcurrentHashMap.get",
                    "ConnectionsGetBenchmark.connectionsGetTyped", "ConnectionsGetBenchmark.concurrentHashMapGet", 2.0),
            new Goal("Snowflake: uncached query, 1 row, vs the bare driver on the same emulator",
                    "SnowflakeBenchmark.oneRowConnector", "SnowflakeBenchmark.oneRowDriver", 1.05));

    /** Measured and recorded, with no goal: rows per second of {@code SnowflakeConnection.write}. */
    private static final String WRITE = "SnowflakeBenchmark.write100kRows";

    private static final double MEMORY_LIMIT = 1.3;

    private Goals() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, SQLException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            Set<String> benchmarks = new LinkedHashSet<>();
            SPEED_GOALS.forEach(goal -> benchmarks.addAll(List.of(goal.measured(), goal.baseline())));
            benchmarks.add(WRITE);
            benchmarks.forEach(benchmark -> options.include("^" + Pattern.quote(PACKAGE + benchmark) + "$"));
        }

        // First, as it takes seconds: a failure shows before the minutes of timing.
        QueryResultFootprint.Footprint footprint = QueryResultFootprint.measure();

        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult run : new Runner(options.build()).run()) {
            scores.put(run.getParams().getBenchmark().substring(PACKAGE.length()), run.getPrimaryResult());
        }

        System.out.println();
        System.out.println("| goal | measured | baseline | ratio | goal | met |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Goal goal : SPEED_GOALS) {
            Result<?> measured = scores.get(goal.measured());
            Result<?> baseline = scores.get(goal.baseline());
            if (measured == null || baseline == null) {
                System.out.printf("| %s | `%s` | `%s` | not run | ≤ %.2f× | |%n", goal.what(), goal.measured(), goal.baseline(), goal.limit());
                continue;
            }
            double ratio = measured.getScore() / baseline.getScore();
            System.out.printf(Locale.ROOT, "| %s | `%s` %s | `%s` %s | %.3f× | ≤ %.2f× | %s |%n", goal.what(),
                    goal.measured(), score(measured), goal.baseline(), score(baseline), ratio, goal.limit(),
                    ratio <= goal.limit() ? "met" : "**not met**");
        }
        System.out.printf(Locale.ROOT, "| cached QueryResult of %,d rows × 5 columns, retained heap, vs plain JDBC's values in Object[][] "
                        + "| %,d B | %,d B | %.3f× | ≤ %.2f× | %s |%n", QueryResultFootprint.ROWS, footprint.queryResultBytes(),
                footprint.plainJdbcBytes(), footprint.ratio(), MEMORY_LIMIT, footprint.ratio() <= MEMORY_LIMIT ? "met" : "**not met**");
        Result<?> write = scores.get(WRITE);
        if (write != null) {
            // SingleShotTime in milliseconds per write of SnowflakeBenchmark.WRITTEN_ROWS rows.
            System.out.printf(Locale.ROOT, "%nSnowflakeConnection.write of %,d rows to the emulator: %s a write, %,.0f rows/s.%n",
                    SnowflakeBenchmark.WRITTEN_ROWS, score(write), SnowflakeBenchmark.WRITTEN_ROWS * 1000.0 / write.getScore());
        }
        System.out.printf(Locale.ROOT, "%nThe QueryResult's own values in Object[][]: %,d B (the layout alone: %.3f×).%n",
                footprint.sameValuesBytes(), (double) footprint.queryResultBytes() / footprint.sameValuesBytes());
    }

    private static String score(Result<?> result) {
        double error = result.getScoreError(); // NaN from fewer than two iterations
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f %s", result.getScore(), result.getScoreUnit())
                : String.format(Locale.ROOT, "%.3f ± %.3f %s", result.getScore(), error, result.getScoreUnit());
    }
}
