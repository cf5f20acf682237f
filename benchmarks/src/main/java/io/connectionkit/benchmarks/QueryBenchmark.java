package io.connectionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link SQLConnection#query} against plain JDBC over the same HikariCP pool settings and the
 * same in-memory H2 database, in one process: the cost of the connector itself (parameter
 * parsing, type mapping into a {@link QueryResult}, the cache lookup) and what a cache hit saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {

    private static final String URL = "jdbc:h2:mem:query_benchmark;DB_CLOSE_DELAY=-1";
    private static final String ONE_ROW_JDBC = "select id, name, species, age, born from pets where id = ?";
    private static final String ONE_ROW = "select id, name, species, age, born from pets where id = :id";
    private static final String ALL_ROWS = "select id, name, species, age, born from pets";

    private HikariDataSource plain;
    private ConnectionRegistry registry;
    private SQLConnection db;
    private QueryOptions uncachedOneRow;
    private QueryOptions cachedOneRow;
    private final QueryOptions cached = QueryOptions.ttl(Duration.ofHours(1));
    private final QueryOptions uncached = QueryOptions.noCache();
    private Cache<CaffeineKey, QueryResult> caffeineAlone;
    private long oneRowId = 42L; // not final, so the key is not a constant

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(10);
        config.setPoolName("plain-jdbc");
        plain = new HikariDataSource(config);
        try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table pets (id bigint primary key, name varchar(40), species varchar(20), age int, born date)");
            try (PreparedStatement insert = connection.prepareStatement("insert into pets values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 1_000; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "pet-" + i);
                    insert.setString(3, i % 2 == 0 ? "dog" : "cat");
                    insert.setInt(4, i % 20);
                    insert.setObject(5, LocalDate.of(2000, 1, 1).plusDays(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        registry = ConnectionRegistry.builder()
                .secretsFiles()
                .secretsToml("[connections.bench]\ntype = \"sql\"\nurl = \"" + URL + "\"\n"
                        + "hikari = { maximumPoolSize = 10 }\n")
                .build();
        db = registry.get("bench", SQLConnection.class);
        uncachedOneRow = QueryOptions.noCache().param("id", 42L);
        cachedOneRow = QueryOptions.ttl(Duration.ofHours(1)).param("id", 42L);
        caffeineAlone = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();
        caffeineAlone.put(new CaffeineKey(ONE_ROW, oneRowId), db.query(ONE_ROW, cachedOneRow));
        db.query(ALL_ROWS, cached);
    }

    /** What an application that caches results itself would key them by. */
    private record CaffeineKey(String sql, long id) {
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
        plain.close();
    }

    /** What an application writes without the library: read every value into rows. */
    private List<Object[]> plainJdbc(String sql, Long id) throws SQLException {
        try (Connection connection = plain.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (id != null) {
                statement.setLong(1, id);
            }
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
    public List<Object[]> oneRowPlainJdbc() throws SQLException {
        return plainJdbc(ONE_ROW_JDBC, 42L);
    }

    /**
     * Plain JDBC that also reads what a {@link QueryResult} carries besides the values: each
     * column's label, JDBC type and type name. Shows how much of the connector's cost per query
     * is the metadata any typed result needs.
     */
    @Benchmark
    public Object[] oneRowPlainJdbcWithColumns() throws SQLException {
        try (Connection connection = plain.getConnection(); PreparedStatement statement = connection.prepareStatement(ONE_ROW_JDBC)) {
            statement.setLong(1, 42L);
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

    /**
     * One read of the clock: what a hit costs at the least while each entry's ttl is checked
     * when it is read. The floor of {@link #oneRowCachedHit}.
     */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    /**
     * A hit in a Caffeine cache with a ttl, keyed by the statement and its value: what an
     * application that caches its results itself pays, and the baseline of {@link #oneRowCachedHit}.
     */
    @Benchmark
    public QueryResult oneRowCaffeineAloneHit() {
        return caffeineAlone.getIfPresent(new CaffeineKey(ONE_ROW, oneRowId));
    }

    @Benchmark
    public QueryResult oneRowUncached() {
        return db.query(ONE_ROW, uncachedOneRow);
    }

    @Benchmark
    public QueryResult oneRowCachedHit() {
        return db.query(ONE_ROW, cachedOneRow);
    }

    @Benchmark
    public List<Object[]> thousandRowsPlainJdbc() throws SQLException {
        return plainJdbc(ALL_ROWS, null);
    }

    @Benchmark
    public QueryResult thousandRowsUncached() {
        return db.query(ALL_ROWS, uncached);
    }

    @Benchmark
    public QueryResult thousandRowsCachedHit() {
        return db.query(ALL_ROWS, cached);
    }
}
