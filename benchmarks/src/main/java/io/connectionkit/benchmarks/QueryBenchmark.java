package io.connectionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;
import org.jdbi.v3.core.Jdbi;
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
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An uncached {@link SQLConnection#query} against what runs the same SQL without the library:
 * plain JDBC, Spring's {@link NamedParameterJdbcTemplate} and JDBI. All over one in-memory H2
 * database and pools of the same HikariCP settings; plain JDBC, Spring and JDBI share one pool.
 * Each builds its parameters inside the call, as an application does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {

    private static final String ONE_ROW = "select " + PetsDatabase.COLUMNS + " from pets where id = :id";
    private static final String ONE_ROW_JDBC = "select " + PetsDatabase.COLUMNS + " from pets where id = ?";
    private static final String THOUSAND_ROWS = "select " + PetsDatabase.COLUMNS + " from pets where id < :below";
    private static final String THOUSAND_ROWS_JDBC = "select " + PetsDatabase.COLUMNS + " from pets where id < ?";

    // Fields, not constants, so that no side's parameter is folded into its code.
    private long id = 42L;
    private long below = 1_000L;

    private HikariDataSource plain;
    private NamedParameterJdbcTemplate spring;
    private Jdbi jdbi;
    private ConnectionRegistry registry;
    private SQLConnection db;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = PetsDatabase.url("query_benchmark");
        plain = PetsDatabase.plainPool(url);
        PetsDatabase.createPets(plain, 1_000);
        spring = new NamedParameterJdbcTemplate(plain);
        jdbi = Jdbi.create(plain);
        registry = PetsDatabase.registry(url);
        db = PetsDatabase.connection(registry);
        if (oneRowUncached().rowCount() != 1 || thousandRowsUncached().rowCount() != 1_000
                || oneRowSpring().size() != 1 || thousandRowsSpring().size() != 1_000
                || oneRowJdbi().size() != 1 || thousandRowsJdbi().size() != 1_000
                || thousandRowsPlainJdbc().size() != 1_000) {
            throw new IllegalStateException("a query read the wrong number of rows");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
        plain.close();
    }

    /**
     * The 1-row baseline: plain JDBC that also reads what a {@link QueryResult} carries besides
     * the values, each column's label, JDBC type and type name.
     */
    @Benchmark
    public Object[] oneRowPlainJdbcWithColumns() throws SQLException {
        try (Connection connection = plain.getConnection(); PreparedStatement statement = connection.prepareStatement(ONE_ROW_JDBC)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData metaData = rows.getMetaData();
                int columns = metaData.getColumnCount();
                Object[] result = new Object[columns * 4];
                for (int c = 0; c < columns; c++) {
                    result[c] = metaData.getColumnLabel(c + 1);
                    result[columns + c] = metaData.getColumnTypeName(c + 1);
                    result[2 * columns + c] = metaData.getColumnType(c + 1);
                }
                while (rows.next()) {
                    for (int c = 0; c < columns; c++) {
                        result[3 * columns + c] = rows.getObject(c + 1);
                    }
                }
                return result;
            }
        }
    }

    @Benchmark
    public QueryResult oneRowUncached() {
        return db.query(ONE_ROW, QueryOptions.noCache().param("id", id));
    }

    @Benchmark
    public List<Map<String, Object>> oneRowSpring() {
        return spring.queryForList(ONE_ROW, Map.of("id", id));
    }

    @Benchmark
    public List<Map<String, Object>> oneRowJdbi() {
        return jdbi.withHandle(handle -> handle.createQuery(ONE_ROW).bind("id", id).mapToMap().list());
    }

    /** The 1,000-row baseline: every value read with {@code getObject} into {@code Object[]} rows. */
    @Benchmark
    public List<Object[]> thousandRowsPlainJdbc() throws SQLException {
        try (Connection connection = plain.getConnection(); PreparedStatement statement = connection.prepareStatement(THOUSAND_ROWS_JDBC)) {
            statement.setLong(1, below);
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                List<Object[]> result = new ArrayList<>();
                while (rows.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rows.getObject(c + 1);
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    @Benchmark
    public QueryResult thousandRowsUncached() {
        return db.query(THOUSAND_ROWS, QueryOptions.noCache().param("below", below));
    }

    @Benchmark
    public List<Map<String, Object>> thousandRowsSpring() {
        return spring.queryForList(THOUSAND_ROWS, Map.of("below", below));
    }

    @Benchmark
    public List<Map<String, Object>> thousandRowsJdbi() {
        return jdbi.withHandle(handle -> handle.createQuery(THOUSAND_ROWS).bind("below", below).mapToMap().list());
    }
}
