package io.connectionkit.core;

import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query cache as a connector sees it through its context, and as the registry reports it. */
class RegistryQueryCacheTest {

    @TempDir
    Path dir;

    private final FakeTicker ticker = new FakeTicker();
    private ConnectionRegistry registry;
    private String name;

    @BeforeEach
    void setUp(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName();
        registry = builder().build();
    }

    private RegistryBuilder builder() {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(dir).workingDirectory(dir).ticker(ticker).classLoader(InMemoryProvider.classLoader());
        return builder.environment(Map.of()).systemProperties(Map.of());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private InMemoryConnection connection(String connectionName) {
        return registry.request(connectionName).type("inmemory").get(InMemoryConnection.class);
    }

    @Test
    void sameQueryTwiceRunsOnce() {
        InMemoryConnection db = connection(name);

        QueryResult first = db.query("select * from pets", QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 3));
        QueryResult second = db.query("select * from pets", QueryOptions.ttl(Duration.ofMinutes(10)).param("age", 3));

        assertThat(second).isSameAs(first);
        assertThat(InMemoryConnection.counters(name).queries).hasValue(1);
        QueryCacheStats stats = registry.queryCacheStats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.loads()).isEqualTo(1);
        assertThat(stats.bytes()).isEqualTo(first.estimatedBytes());
    }

    @Test
    void ttlExpiresOnTheRegistryClock() {
        InMemoryConnection db = connection(name);
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10));

        db.query("select 1", tenMinutes);
        ticker.advance(Duration.ofMinutes(9));
        db.query("select 1", tenMinutes);
        assertThat(InMemoryConnection.counters(name).queries).hasValue(1);
        ticker.advance(Duration.ofMinutes(2));
        db.query("select 1", tenMinutes);

        assertThat(InMemoryConnection.counters(name).queries).hasValue(2);
    }

    @Test
    void registryDefaultTtlAppliesToQueriesWithoutOne() {
        registry.close();
        registry = builder().defaultQueryTtl(Duration.ofSeconds(30)).build();
        InMemoryConnection db = connection(name);

        db.query("select 1");
        ticker.advance(Duration.ofSeconds(31));
        db.query("select 1");

        assertThat(InMemoryConnection.counters(name).queries).hasValue(2);
    }

    @Test
    void twoConnectionsNeverShareResults() {
        InMemoryConnection pets = connection(name + "-pets");
        InMemoryConnection vets = connection(name + "-vets");

        pets.query("select 1");
        QueryResult fromVets = vets.query("select 1");

        assertThat(InMemoryConnection.counters(name + "-vets").queries).hasValue(1);
        assertThat(fromVets.get(0, "sql")).isEqualTo("select 1");
    }

    @Test
    void clearQueryCacheRunsTheQueryAgain() {
        InMemoryConnection db = connection(name);
        db.query("select 1");

        db.clearQueryCache();
        db.query("select 1");

        assertThat(InMemoryConnection.counters(name).queries).hasValue(2);
    }

    @Test
    void resetDropsTheResultsOfTheOldClient() {
        InMemoryConnection db = connection(name);
        QueryResult before = db.query("select 1");

        db.reset();
        QueryResult after = db.query("select 1");

        assertThat(before.get(0, "generation")).isEqualTo(1);
        assertThat(after.get(0, "generation")).isEqualTo(2);
    }

    @Test
    void failedQueryIsNotCached() {
        InMemoryConnection db = connection(name);

        assertThatThrownBy(() -> db.query("fail now")).isInstanceOf(QueryException.class)
                .hasMessage("Query failed: fail now");
        assertThatThrownBy(() -> db.query("fail now")).isInstanceOf(QueryException.class);

        assertThat(InMemoryConnection.counters(name).queries).hasValue(2);
    }

    @Test
    void maxBytesComesFromTheSystemProperty() {
        registry.close();
        registry = builder().systemProperties(Map.of("connectionkit.query-cache.max-bytes", "0")).build();
        InMemoryConnection db = connection(name);

        db.query("select 1");
        db.query("select 1");

        assertThat(InMemoryConnection.counters(name).queries).hasValue(2);
        assertThat(registry.queryCacheStats().bytes()).isZero();
    }

    @Test
    void invalidMaxBytesPropertyIsNamed() {
        assertThatThrownBy(() -> builder().systemProperties(Map.of("connectionkit.query-cache.max-bytes", "lots")).build())
                .hasMessage("System property connectionkit.query-cache.max-bytes must be a number of bytes (0 or more) but is \"lots\"");
    }

    @Test
    void theDefaultBoundLeavesASmallHeapThreeQuartersOfItself() {
        long mib = 1024L * 1024;

        assertThat(RegistryBuilder.defaultQueryCacheMaxBytes(300 * mib)).isEqualTo(75 * mib);
        assertThat(RegistryBuilder.defaultQueryCacheMaxBytes(4096 * mib)).isEqualTo(256 * mib);
    }
}
