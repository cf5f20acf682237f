package io.connectionkit.core;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.Column;
import io.connectionkit.api.QueryCache;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryResultCacheTest {

    static final long MEGABYTE = 1 << 20;
    static final String SQL = "select x from t where a = :a";

    private final FakeTicker ticker = new FakeTicker();
    private final QueryResultCache cache = new QueryResultCache(MEGABYTE, null, ticker, ticker);
    private final QueryCache scope = cache.newScope("test", () -> ConnectionConfig.empty("connections.test"));
    private final CountingLoader loader = new CountingLoader();

    @Test
    void sameQueryTwiceLoadsOnce() {
        QueryResult first = scope.get(SQL, QueryOptions.defaults().param("a", 1), loader);
        QueryResult second = scope.get(SQL, QueryOptions.defaults().param("a", 1), loader);

        assertThat(loader.calls()).isEqualTo(1);
        assertThat(second).isSameAs(first);
    }

    @Test
    void getIfPresentFindsWhatIsCachedNowLoadsNothingAndCountsOnlyHits() {
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(1)).param("a", 1);

        assertThat(scope.getIfPresent(SQL, options)).isNull();
        QueryResult loaded = scope.get(SQL, options, loader);
        assertThat(scope.getIfPresent(SQL, options)).isSameAs(loaded);
        assertThat(scope.getIfPresent(SQL, QueryOptions.noCache().param("a", 1))).isNull();
        ticker.advance(Duration.ofMinutes(1));
        assertThat(scope.getIfPresent(SQL, options)).as("past its ttl").isNull();

        assertThat(loader.calls()).isEqualTo(1);
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).as("the get that loaded").isEqualTo(1);
    }

    @Test
    void differentParametersAreDifferentEntries() {
        scope.get(SQL, QueryOptions.defaults().param("a", 1), loader);
        scope.get(SQL, QueryOptions.defaults().param("a", 2), loader);
        scope.get(SQL, QueryOptions.defaults().param("a", null), loader);
        scope.get("select ?", QueryOptions.defaults().args(1), loader);
        scope.get("select ?", QueryOptions.defaults().args(2), loader);
        scope.get(SQL, QueryOptions.ttl(Duration.ofMinutes(1)).param("a", 1), loader);
        assertThat(loader.calls()).isEqualTo(6);

        // arrays are compared by content, and a later change to the caller's array is not seen
        byte[] bytes = {1, 2, 3};
        scope.get("select ?", QueryOptions.defaults().args((Object) bytes), loader);
        scope.get("select ?", QueryOptions.defaults().args((Object) new byte[] {1, 2, 3}), loader);
        assertThat(loader.calls()).isEqualTo(7);
        bytes[0] = 9;
        scope.get("select ?", QueryOptions.defaults().args((Object) new byte[] {9, 2, 3}), loader);
        scope.get("select ?", QueryOptions.defaults().args((Object) new Byte[] {1, 2, 3}), loader);
        assertThat(loader.calls()).isEqualTo(9);
    }

    @Test
    void ttlExpiresOnFakeClock() {
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10));
        QueryResult first = scope.get(SQL, tenMinutes, loader);

        ticker.advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(scope.get(SQL, tenMinutes, loader)).isSameAs(first);
        assertThat(loader.calls()).isEqualTo(1);

        ticker.advance(Duration.ofNanos(1));
        assertThat(scope.get(SQL, tenMinutes, loader)).isNotSameAs(first);
        assertThat(loader.calls()).isEqualTo(2);
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void ttlStartsWhenTheLoadEnds() {
        QueryOptions oneMinute = QueryOptions.ttl(Duration.ofMinutes(1));
        scope.get(SQL, oneMinute, () -> {
            ticker.advance(Duration.ofMinutes(5)); // a slow query
            return result("slow");
        });

        ticker.advance(Duration.ofSeconds(59));
        assertThat(scope.get(SQL, oneMinute, loader).get(0, "x")).isEqualTo("slow");
        assertThat(loader.calls()).isZero();
    }

    @Test
    void defaultTtlAppliesWhenNoneGiven() {
        QueryResultCache withDefault = new QueryResultCache(MEGABYTE, Duration.ofMinutes(1), ticker, ticker);
        QueryCache view = withDefault.newScope("test", () -> ConnectionConfig.empty("connections.test"));
        view.get("select 1", QueryOptions.defaults(), loader);
        view.get("select 2", QueryOptions.ttl(Duration.ofHours(1)), loader);

        ticker.advance(Duration.ofMinutes(1));
        view.get("select 1", QueryOptions.defaults(), loader);
        view.get("select 2", QueryOptions.ttl(Duration.ofHours(1)), loader);

        assertThat(loader.calls()).isEqualTo(3); // "select 1" expired, "select 2" did not
    }

    @Test
    void withoutDefaultTtlResultsStayUntilEvicted() {
        QueryResult first = scope.get(SQL, QueryOptions.defaults(), loader);

        ticker.advance(Duration.ofDays(365L * 100));

        assertThat(scope.get(SQL, QueryOptions.defaults(), loader)).isSameAs(first);
        assertThat(loader.calls()).isEqualTo(1);
    }

    @Test
    void aZeroDefaultTtlCachesOnlyQueriesThatGiveTheirOwn() {
        QueryCache view = new QueryResultCache(MEGABYTE, Duration.ZERO, ticker, ticker).newScope("test", () -> ConnectionConfig.empty("connections.test"));
        QueryOptions oneMinute = QueryOptions.ttl(Duration.ofMinutes(1)).param("a", 1);

        view.get(SQL, QueryOptions.defaults().param("a", 1), loader);
        view.get(SQL, QueryOptions.defaults().param("a", 1), loader);
        QueryResult first = view.get(SQL, oneMinute, loader);
        ticker.advance(Duration.ofSeconds(59));
        assertThat(view.get(SQL, QueryOptions.ttl(Duration.ofMinutes(1)).param("a", 1), loader)).isSameAs(first);
        ticker.advance(Duration.ofSeconds(1));
        view.get(SQL, oneMinute, loader);

        assertThat(loader.calls()).isEqualTo(4);
    }

    @Test
    void aTtlTooLongForNanosecondsLastsUntilEvicted() {
        QueryOptions forever = QueryOptions.ttl(ChronoUnit.FOREVER.getDuration());
        QueryResult first = scope.get(SQL, forever, loader);

        ticker.advance(Duration.ofDays(365L * 100));

        assertThat(scope.get(SQL, forever, loader)).isSameAs(first);
        assertThat(loader.calls()).isEqualTo(1);
    }

    @Test
    void noCacheAlwaysLoads() {
        scope.get(SQL, QueryOptions.noCache(), loader);
        scope.get(SQL, QueryOptions.noCache(), loader);
        scope.get(SQL, QueryOptions.ttl(Duration.ZERO), loader);
        new QueryResultCache(MEGABYTE, Duration.ZERO, ticker, ticker).newScope("test", () -> ConnectionConfig.empty("connections.test")).get(SQL, QueryOptions.defaults(), loader);

        assertThat(loader.calls()).isEqualTo(4);
        assertThat(cache.stats()).isEqualTo(new QueryCacheStats(0, 0, 0, 0, Duration.ZERO, 0, 0));
    }

    @Test
    void failedLoadIsNotCached() {
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> scope.get(SQL, QueryOptions.defaults(), () -> { throw boom; })).isSameAs(boom);
        assertThatThrownBy(() -> scope.get(SQL, QueryOptions.defaults(), () -> { throw new StackOverflowError(); }))
                .isInstanceOf(StackOverflowError.class);

        QueryResult loaded = scope.get(SQL, QueryOptions.defaults(), loader);
        assertThat(loaded.get(0, "x")).isEqualTo("row 1");
        assertThat(cache.stats().bytes()).isEqualTo(loaded.estimatedBytes());
    }

    @Test
    void checkedFailureReachesTheCallerAsQueryException() {
        SQLException syntax = new SQLException("syntax error at \"form\"", "42601", 7);

        assertThatThrownBy(() -> scope.get("select * form t", QueryOptions.defaults(), () -> { throw syntax; }))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e).hasCause(syntax);
                    assertThat(e.sql()).isEqualTo("select * form t");
                    assertThat(e.sqlState()).isEqualTo("42601");
                    assertThat(e.vendorCode()).isEqualTo(7);
                });
        assertThatThrownBy(() -> scope.get(SQL, QueryOptions.noCache(), () -> { throw syntax; }))
                .isInstanceOf(QueryException.class).hasCause(syntax);
    }

    @Test
    void aLoadersFailureIsMaskedWithTheSecretsOfItsConnection() {
        QueryCache masked = cache.newScope("test", () -> ConnectionConfig.of("connections.pets", java.util.Map.of("password", "pw-canary")));
        IllegalStateException leaky = new IllegalStateException("no route for pw-canary");
        IllegalStateException plain = new IllegalStateException("no route");

        assertThatThrownBy(() -> masked.get(SQL, QueryOptions.defaults(), () -> { throw leaky; }))
                .isInstanceOf(RuntimeException.class).isNotSameAs(leaky).hasMessage("no route for ****")
                .hasToString("java.lang.IllegalStateException: no route for **** [secrets masked]");
        assertThatThrownBy(() -> masked.get(SQL, QueryOptions.noCache(), () -> { throw plain; })).isSameAs(plain);
        assertThatThrownBy(() -> masked.get(SQL, QueryOptions.noCache(), () -> {
            throw new SQLException("login pw-canary refused", "28000");
        })).isInstanceOf(QueryException.class).hasMessageContaining("login **** refused")
                .satisfies(e -> assertThat(e.getCause()).hasMessage("login **** refused"));
    }

    @Test
    void loaderReturningNullIsAFailure() {
        assertThatThrownBy(() -> scope.get(SQL, QueryOptions.defaults(), () -> null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("loader returned null");
        scope.get(SQL, QueryOptions.defaults(), loader);
        assertThat(loader.calls()).isEqualTo(1);
    }

    @Test
    void loaderAskingForItsOwnResultFailsInsteadOfWaitingForever() {
        assertThatThrownBy(() -> scope.get(SQL, QueryOptions.defaults(),
                () -> scope.get(SQL, QueryOptions.defaults(), loader)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("its own result");
        assertThat(loader.calls()).isZero();
    }

    @Test
    void scopesNeverShareResults() {
        QueryCache other = cache.newScope("test", () -> ConnectionConfig.empty("connections.test"));

        QueryResult mine = scope.get(SQL, QueryOptions.defaults(), loader);
        QueryResult theirs = other.get(SQL, QueryOptions.defaults(), loader);

        assertThat(loader.calls()).isEqualTo(2);
        assertThat(theirs).isNotSameAs(mine);
        assertThat(other.get(SQL, QueryOptions.defaults(), loader)).isSameAs(theirs);
    }

    @Test
    void clearDropsOnlyItsScope() {
        QueryCache other = cache.newScope("test", () -> ConnectionConfig.empty("connections.test"));
        QueryResult mine = scope.get(SQL, QueryOptions.defaults(), loader);
        QueryResult theirs = other.get(SQL, QueryOptions.defaults(), loader);

        scope.clear();

        assertThat(other.get(SQL, QueryOptions.defaults(), loader)).isSameAs(theirs);
        assertThat(scope.get(SQL, QueryOptions.defaults(), loader)).isNotSameAs(mine);
        assertThat(loader.calls()).isEqualTo(3);
        assertThat(cache.stats().evictions()).isZero();
    }

    @Test
    void invalidateAllDropsEveryScope() {
        QueryCache other = cache.newScope("test", () -> ConnectionConfig.empty("connections.test"));
        scope.get(SQL, QueryOptions.defaults(), loader);
        other.get(SQL, QueryOptions.defaults(), loader);

        cache.invalidateAll();

        assertThat(cache.stats().bytes()).isZero();
        scope.get(SQL, QueryOptions.defaults(), loader);
        other.get(SQL, QueryOptions.defaults(), loader);
        assertThat(loader.calls()).isEqualTo(4);
        assertThat(cache.stats().evictions()).isZero();
    }

    @Test
    void boundedByBytes() {
        long size = wide(0).estimatedBytes();
        long max = size * 7 / 2; // room for three results
        QueryResultCache small = new QueryResultCache(max, null, ticker, ticker);
        QueryCache view = small.newScope("test", () -> ConnectionConfig.empty("connections.test"));

        for (int i = 0; i < 10; i++) {
            int n = i;
            view.get("select " + n, QueryOptions.defaults(), () -> wide(n));
        }

        QueryCacheStats stats = small.stats();
        assertThat(stats.bytes()).isPositive().isLessThanOrEqualTo(max);
        assertThat(stats.evictions()).isEqualTo(10 - stats.bytes() / size);

        // a result larger than the whole bound is returned but not kept
        QueryResultCache tooSmall = new QueryResultCache(size - 1, null, ticker, ticker);
        AtomicInteger calls = new AtomicInteger();
        QueryCache.Loader wideLoader = () -> wide(calls.incrementAndGet());
        assertThat(tooSmall.newScope("test", () -> ConnectionConfig.empty("connections.test")).get(SQL, QueryOptions.defaults(), wideLoader).rowCount()).isEqualTo(4);
        assertThat(tooSmall.stats().bytes()).isZero();
        assertThat(tooSmall.stats().evictions()).isEqualTo(1);
    }

    @Test
    void aResultReadOftenOutlivesResultsReadOnce() {
        long size = wide(0).estimatedBytes();
        QueryResultCache small = new QueryResultCache(size * 10, null, ticker, ticker); // room for ten results
        QueryCache view = small.newScope("test", () -> ConnectionConfig.empty("connections.test"));
        AtomicInteger hotLoads = new AtomicInteger();
        QueryCache.Loader hotLoader = () -> wide(-1 - hotLoads.getAndIncrement());
        for (int i = 0; i < 200; i++) {
            int n = i;
            view.get("select " + n, QueryOptions.defaults(), () -> wide(n));
            for (int read = 0; read < 200; read++) { // hits are told to the eviction policy now and then, not each time
                view.get("select hot", QueryOptions.defaults(), hotLoader);
            }
        }

        assertThat(small.stats().evictions()).isGreaterThanOrEqualTo(190);
        assertThat(hotLoads).as("loads of the result read 40,000 times among 200 read once").hasValue(1);
    }

    @Test
    void statsCountHitsMissesLoads() {
        QueryResult a = scope.get("select a", QueryOptions.defaults(), loader);
        scope.get("select a", QueryOptions.defaults(), loader);
        scope.get("select a", QueryOptions.defaults(), loader);
        QueryResult b = scope.get("select b", QueryOptions.defaults(), loader);
        assertThatThrownBy(() -> scope.get("select c", QueryOptions.defaults(), () -> { throw new SQLException("no"); }))
                .isInstanceOf(QueryException.class);

        QueryCacheStats stats = cache.stats();
        assertThat(stats).isEqualTo(new QueryCacheStats(2, 3, 2, 1, Duration.ZERO, 0, a.estimatedBytes() + b.estimatedBytes()));
        assertThat(stats.hitRate()).isEqualTo(0.4);
    }

    @Test
    void statsSumTheTimeOfSuccessfulLoads() {
        scope.get("select a", QueryOptions.defaults(), () -> {
            ticker.advance(Duration.ofMillis(30));
            return result("a");
        });
        scope.get("select b", QueryOptions.defaults(), () -> {
            ticker.advance(Duration.ofMillis(12));
            return result("b");
        });
        assertThatThrownBy(() -> scope.get("select c", QueryOptions.defaults(), () -> {
            ticker.advance(Duration.ofSeconds(5));
            throw new SQLException("no");
        })).isInstanceOf(QueryException.class);

        assertThat(cache.stats().totalLoadTime()).isEqualTo(Duration.ofMillis(42));
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void statsOfANameAddUpItsConnectionsClosedOrLive() {
        QueryCache first = cache.newScope("pets", () -> ConnectionConfig.empty("connections.pets"));
        QueryResult kept = first.get("select a", QueryOptions.defaults(), loader);
        first.get("select a", QueryOptions.defaults(), loader);
        cache.retire(first);
        first.clear();
        QueryCache second = cache.newScope("pets", () -> ConnectionConfig.empty("connections.pets"));
        QueryResult held = second.get("select b", QueryOptions.defaults(), loader);
        second.get("select b", QueryOptions.defaults(), loader);
        second.get("select b", QueryOptions.defaults(), loader);
        scope.get("select other", QueryOptions.defaults(), loader);

        QueryCacheStats pets = cache.stats("pets");
        assertThat(pets.hits()).isEqualTo(3);
        assertThat(pets.misses()).isEqualTo(2);
        assertThat(pets.loads()).isEqualTo(2);
        assertThat(pets.bytes()).as("only the live connection's results").isEqualTo(held.estimatedBytes());
        assertThat(cache.stats("test").loads()).isEqualTo(1);
        assertThat(cache.stats("never used")).isEqualTo(new QueryCacheStats(0, 0, 0, 0, Duration.ZERO, 0, 0));
        assertThat(cache.stats().loads()).as("the registry's totals keep the closed connection's").isEqualTo(3);
        assertThat(kept.estimatedBytes()).isPositive();
    }

    @Test
    void statsOfANameCountItsEvictionsAndDropWhatLeaves() {
        QueryCache view = cache.newScope("pets", () -> ConnectionConfig.empty("connections.pets"));
        view.get("select a", QueryOptions.ttl(Duration.ofSeconds(10)), loader);
        QueryResult b = view.get("select b", QueryOptions.ttl(Duration.ofMinutes(10)), loader);
        ticker.advance(Duration.ofSeconds(11));

        QueryCacheStats pets = cache.stats("pets");
        assertThat(pets.evictions()).as("the expired result").isEqualTo(1);
        assertThat(pets.bytes()).isEqualTo(b.estimatedBytes());
        view.clear();
        assertThat(cache.stats("pets").bytes()).isZero();
        assertThat(cache.stats("pets").evictions()).as("clearing is not evicting").isEqualTo(1);
    }

    static QueryResult result(String value) {
        return QueryResult.builder(List.of(Column.of("x", String.class))).addRow(value).build();
    }

    /** Results of equal estimated size, about 2 KB each. */
    private static QueryResult wide(int n) {
        QueryResult.Builder builder = QueryResult.builder(List.of(Column.of("x", String.class)));
        for (int row = 0; row < 4; row++) {
            builder.addRow(String.format("%0500d", n));
        }
        return builder.build();
    }

    /** Returns a new result on each call, so tests can tell a reload from a hit. */
    static final class CountingLoader implements QueryCache.Loader {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public QueryResult load() {
            return result("row " + calls.incrementAndGet());
        }

        int calls() {
            return calls.get();
        }
    }
}
