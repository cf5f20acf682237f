package io.connectionkit.benchmarks;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.SnowflakeConnection;
import io.connectionkit.snowflake.WriteOptions;
import io.connectionkit.snowflake.WriteResult;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@link SnowflakeConnection} against the bare Snowflake JDBC driver, both on one connection each
 * to the same {@link SnowflakeEmulator} on 127.0.0.1 in this JVM: a one-row query, whose time is
 * mostly the driver's HTTP round trip and JSON, and, in forks of its own, a {@code write} of
 * 100,000 rows. Longer warm-up than the other benchmarks: the driver's code is large, and JIT
 * compiles it for longer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnowflakeBenchmark {

    static final int WRITTEN_ROWS = 100_000;
    private static final String ONE_ROW = "select id, name, age, weight from pets where id = ?";
    private static final Logger DRIVER_LOG = Logger.getLogger("net.snowflake"); // held: JUL keeps loggers weakly

    private long id = 7L; // a field, not a constant, so that no side's parameter is folded into its code

    private SnowflakeEmulator emulator;
    private Connection bare;
    private ConnectionRegistry registry;
    private SnowflakeConnection snow;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        DRIVER_LOG.setLevel(java.util.logging.Level.WARNING); // its INFO lines would go between JMH's
        emulator = SnowflakeEmulator.builder().user("bench", "bench").database("PETS").start();
        emulator.execute("PETS", "create table pets (id number, name varchar, age number(3,0), weight number(5,2))");
        emulator.execute("PETS", "insert into pets values (7, 'Rex', 3, 12.50)");
        Properties properties = new Properties();
        properties.setProperty("user", "bench");
        properties.setProperty("password", "bench");
        properties.setProperty("db", "PETS");
        properties.setProperty("schema", "PUBLIC");
        properties.setProperty("disablePlatformDetection", "true");
        bare = DriverManager.getConnection(emulator.jdbcUrl(), properties);
        registry = ConnectionRegistry.builder().secretsFiles().watchSecrets(false)
                .homeDirectory(Path.of(System.getProperty("java.io.tmpdir"))).secretsToml("""
                        [connections.snow]
                        type = "snowflake"
                        account = "%s"
                        user = "bench"
                        password = "bench"
                        host = "127.0.0.1"
                        port = %d
                        protocol = "http"
                        database = "PETS"
                        schema = "PUBLIC"
                        """.formatted(emulator.account(), emulator.port())).build();
        snow = registry.get("snow", SnowflakeConnection.class);
        if (oneRowConnector().rowCount() != 1 || oneRowDriver()[12] == null) {
            throw new IllegalStateException("a benchmark read the wrong rows");
        }
        emulator.clearStatements();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        registry.close();
        bare.close();
        emulator.close();
    }

    /** The baseline: the bare driver, reading what a {@link QueryResult} carries besides the values. */
    @Benchmark
    public Object[] oneRowDriver() throws SQLException {
        try (PreparedStatement statement = bare.prepareStatement(ONE_ROW)) {
            statement.setLong(1, id);
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData metaData = result.getMetaData();
                int columns = metaData.getColumnCount();
                Object[] values = new Object[columns * 4];
                for (int c = 0; c < columns; c++) {
                    values[c] = metaData.getColumnLabel(c + 1);
                    values[columns + c] = metaData.getColumnTypeName(c + 1);
                    values[2 * columns + c] = metaData.getColumnType(c + 1);
                }
                while (result.next()) {
                    for (int c = 0; c < columns; c++) {
                        values[3 * columns + c] = result.getObject(c + 1);
                    }
                }
                return values;
            }
        }
    }

    @Benchmark
    public QueryResult oneRowConnector() {
        return snow.query(ONE_ROW, QueryOptions.noCache().args(id));
    }

    /** The rows of the write benchmark, made once per fork, outside the one-row benchmarks' forks. */
    @State(Scope.Benchmark)
    public static class Rows {
        List<Map<String, Object>> rows;

        @Setup(Level.Trial)
        public void setUp() {
            rows = new ArrayList<>(WRITTEN_ROWS);
            for (int i = 0; i < WRITTEN_ROWS; i++) {
                rows.add(Map.of("ID", (long) i, "NAME", "pet " + i, "WEIGHT", BigDecimal.valueOf(i % 10_000, 2)));
            }
        }
    }

    /** 100,000 rows of three columns, 10,000 to a request, into a table it replaces; rows per second = 100,000 / its time. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public WriteResult write100kRows(Rows rows) {
        WriteResult result = snow.write("written_pets", rows.rows, WriteOptions.defaults().autoCreateTable(true)
                .overwrite(true));
        if (result.rows() != WRITTEN_ROWS) {
            throw new IllegalStateException("wrote " + result.rows() + " rows");
        }
        return result;
    }
}
