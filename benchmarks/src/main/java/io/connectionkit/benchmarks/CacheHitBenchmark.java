package io.connectionkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A query answered from the connector's cache, its options built in the call as users write
 * them, against a bare Caffeine {@code getIfPresent} whose key of the SQL and its parameters is
 * built in the call too: the least an application that caches results itself pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CacheHitBenchmark {

    private static final String ONE_ROW = "select " + PetsDatabase.COLUMNS + " from pets where id = :id";

    private long id = 42L; // not final, so neither side's key is a constant

    private ConnectionRegistry registry;
    private SQLConnection db;
    private Cache<ResultKey, QueryResult> caffeine;
    private final Map<OptionsKey, QueryResult> optionsKeyed = new ConcurrentHashMap<>();

    /** What an application that caches results itself would key them by. */
    private record ResultKey(String sql, Map<String, Object> params) {
    }

    /** The connector's key without its connection: the statement and the options as given. */
    private record OptionsKey(String sql, QueryOptions options) {
    }

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = PetsDatabase.url("cache_hit_benchmark");
        try (HikariDataSource plain = PetsDatabase.plainPool(url)) {
            PetsDatabase.createPets(plain, 1_000);
        }
        registry = PetsDatabase.registry(url);
        db = PetsDatabase.connection(registry);
        // No ttl: a plain bounded cache, the cheapest hit Caffeine offers.
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        QueryResult result = connectorHit(); // the miss that fills the connector's cache
        caffeine.put(new ResultKey(ONE_ROW, Map.of("id", id)), result);
        optionsKeyed.put(new OptionsKey(ONE_ROW, QueryOptions.ttl(Duration.ofMinutes(10)).param("id", id)), result);
        if (connectorHit() != result || caffeineHit() != result || optionsKeyedMapGet() != result || registry.queryCacheStats().hits() != 1) {
            throw new IllegalStateException("a lookup missed its cache");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long misses = registry.queryCacheStats().misses();
        registry.close();
        if (misses != 1) {
            throw new IllegalStateException("connectorHit missed the cache " + (misses - 1) + " times");
        }
    }

    @Benchmark
    public QueryResult connectorHit() {
        return db.query(ONE_ROW, QueryOptions.ttl(Duration.ofMinutes(10)).param("id", id));
    }

    @Benchmark
    public QueryResult caffeineHit() {
        return caffeine.getIfPresent(new ResultKey(ONE_ROW, Map.of("id", id)));
    }

    /**
     * Not a goal's: a {@code ConcurrentHashMap.get} keyed by the statement and {@code QueryOptions}
     * built in the call, as the connector keys a result, with no cache around it. What a hit keyed
     * by the options a user writes costs at the least, beside {@link #caffeineHit}'s {@code Map.of} key.
     */
    @Benchmark
    public QueryResult optionsKeyedMapGet() {
        return optionsKeyed.get(new OptionsKey(ONE_ROW, QueryOptions.ttl(Duration.ofMinutes(10)).param("id", id)));
    }
}
