package io.connectionkit.testkit;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Queryable;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The conformance tests of a connector. Implement this interface in a test class of your
 * connector, answer its hooks, and JUnit runs every inherited {@code @Test} against the real
 * connector (the pattern of R2DBC's {@code TestKit}):
 *
 * <pre>{@code
 * class DuckDBConnectorTest implements ConnectorTestKit<DuckDBConnection> {
 *     public Class<DuckDBConnection> connectionClass() { return DuckDBConnection.class; }
 *     // the secret must reach the client, where a leak could show it: here a setting DuckDB is given
 *     public ConnectorConfig configuration(String secret) {
 *         return ConnectorConfig.toml("config = { http_proxy_password = \"" + secret + "\" }");
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>Each check is its own test, named after what it proves, and fails with a message saying
 * what to fix. Each builds its own {@code ConnectionRegistry} over the configuration you give
 * (no secrets files are read), driven by a fake clock, and closes it at the end. A secret, new
 * for every check, is planted in the configuration through your hooks; every check fails when
 * it shows in a logged message. The checks of queries run only for {@link Queryable} connections;
 * they skip otherwise.
 *
 * @param <C> the connection class of the connector under test
 */
public interface ConnectorTestKit<C extends BaseConnection<?>> {

    // ---- hooks -------------------------------------------------------------------------------

    /** The connection class under test: what its provider's {@code connectionClass()} returns. */
    Class<C> connectionClass();

    /**
     * A configuration that connects, with {@code secret} where your connector treats it as secret
     * (the value of its password, token or key, or inside a value where your provider's
     * {@code secretsIn} finds it, such as a URL's password) and where it reaches your client, so the
     * kit can prove it never shows.
     */
    ConnectorConfig configuration(String secret);

    /**
     * A configuration your connector must reject with a {@link ConnectionConfigException}
     * naming {@link #invalidConfigurationKey()}: a misspelt key, a value of the wrong type.
     * Put {@code secret} in it too, where a careless error message would repeat it.
     */
    ConnectorConfig invalidConfiguration(String secret);

    /**
     * Whether {@link #configuration(String)} puts the secret into the configuration itself, in a
     * value, which the kit then checks. Override to return {@code false} when your
     * connector takes it from elsewhere, such as a file the configuration names.
     */
    default boolean secretIsInConfiguration() {
        return true;
    }

    /** The key the rejection of {@link #invalidConfiguration} must name. */
    String invalidConfigurationKey();

    /**
     * Whether {@code client}, a raw client {@code instance()} returned, has been released
     * (closed, shut down). Only the connector knows how to tell, such as {@code ((Connection) client).isClosed()}.
     */
    boolean isReleased(Object client);

    /** For {@link Queryable} connections: a query that returns at least one row. */
    default String rowsQuery() {
        throw new UnsupportedOperationException("Implement rowsQuery() for a Queryable connection");
    }

    /**
     * For {@link Queryable} connections: a query with one parameter, bound by
     * {@link #withParameter}, whose first column of its first row is that parameter's value
     * ({@code select cast(:value as varchar(20)) as val}).
     */
    default String parameterisedQuery() {
        throw new UnsupportedOperationException("Implement parameterisedQuery() for a Queryable connection");
    }

    /**
     * Binds {@code value} to the parameter of {@link #parameterisedQuery()}; by default as the
     * named parameter {@code value}. Override for positional parameters: {@code options.args(value)}.
     */
    default QueryOptions withParameter(QueryOptions options, String value) {
        return options.param("value", value);
    }

    /**
     * For {@link Queryable} connections: a query whose result differs every time it really runs
     * (a random UUID, say), so the kit can tell a cached answer from a new run.
     */
    default String freshQuery() {
        throw new UnsupportedOperationException("Implement freshQuery() for a Queryable connection");
    }

    /** For {@link Queryable} connections: a query that fails. By default, one that is not valid SQL. */
    default String failingQuery() {
        return "this is not a valid query";
    }

    // ---- the connector ----------------------------------------------------------------------

    @Test
    default void providerIsListedInTheConnectorsOwnServicesFile() {
        Path location = ServiceRegistration.locationOf(connectionClass());
        List<String> listed = ServiceRegistration.listedProviders(location).orElseThrow(() -> new AssertionError(
                location + ", where " + connectionClass().getName() + " was loaded from, has no "
                        + ServiceRegistration.SERVICES_FILE + ". Add it (src/main/resources/"
                        + ServiceRegistration.SERVICES_FILE + ") with your provider's class name on a line."));
        ConnectionProvider provider = ServiceRegistration.requireProvider(connectionClass());
        assertTrue(listed.contains(provider.getClass().getName()), () -> ServiceRegistration.SERVICES_FILE + " in "
                + location + " lists " + listed + " but not " + provider.getClass().getName()
                + ", the provider of " + connectionClass().getName() + ": ship the provider in the connector's jar.");
    }

    @Test
    default void typeNamesAreValidIdentifiers() {
        ConnectionProvider provider = ServiceRegistration.requireProvider(connectionClass());
        for (String type : Names.typeAndAliases(provider)) {
            assertTrue(Names.isValidType(type), () -> provider.getClass().getName() + " offers the type name \"" + type
                    + "\"; a type name starts with a letter and has only letters, digits, '_' and '-' (a '.' would "
                    + "make it a class name).");
        }
    }

    @Test
    default void connectionClassIsWhatCreateReturns() {
        try (KitRun<C> run = KitRun.start(this)) {
            ConnectionProvider provider = run.provider();
            assertSame(connectionClass(), provider.connectionClass(), () -> provider.getClass().getName()
                    + ".connectionClass() must return " + connectionClass().getName());
            BaseConnection<?> connection = run.connectAsDeclared();
            assertTrue(provider.connectionClass().isInstance(connection), () -> provider.getClass().getName()
                    + ".create() returned " + connection.getClass().getName() + ", not the declared "
                    + provider.connectionClass().getName());
        }
    }

    // ---- the connection's life --------------------------------------------------------------

    @Test
    default void connectsEagerlyWhenAskedFor() {
        try (KitRun<C> run = KitRun.start(this)) {
            C connection = run.connect();
            Object client = connection.instance();
            assertNotNull(client, "instance() returned null right after the registry created the connection");
            assertFalse(isReleased(client), "The raw client is released right after the connection was created, "
                    + "or isReleased(client) is wrong");
            run.connectInvalid("asking for a connection whose configuration is invalid (a connector connects in "
                    + "its constructor, so that a bad configuration fails where the connection is asked for)");
        }
    }

    @Test
    default void instanceSurvivesResetByReconnecting() {
        try (KitRun<C> run = KitRun.start(this)) {
            C connection = run.connect();
            Object before = connection.instance();
            connection.reset();
            Object after = connection.instance();
            assertNotNull(after, "instance() after reset() returned null");
            assertNotSame(before, after, "instance() after reset() returned the released client instead of connecting "
                    + "again: connect(config) must create a new client each time it is called, and an override of"
                    + " reset() must call super.reset()");
            assertFalse(isReleased(after), "The client created after reset() is released");
            if (connection instanceof Queryable queryable) {
                assertFalse(queryable.query(rowsQuery(), QueryOptions.noCache()).isEmpty(),
                        "rowsQuery() returned no rows after reset()");
            }
        }
    }

    @Test
    default void resetReleasesTheClientAndIsIdempotent() {
        try (KitRun<C> run = KitRun.start(this)) {
            C connection = run.connect();
            Object client = connection.instance();
            connection.reset();
            assertReleased(client, "reset()");
            connection.reset();
            connection.reset();
            assertFalse(isReleased(connection.instance()), "After reset() twice, instance() gave a released client");
        }
    }

    @Test
    default void closeReleasesTheClientAndIsIdempotent() {
        try (KitRun<C> run = KitRun.start(this)) {
            C connection = run.connect();
            Object client = connection.instance();
            connection.close();
            assertReleased(client, "close()");
            connection.close();
            assertTrue(connection.isClosed(), "isClosed() is false after close()");
            Throwable afterClose = run.failure(connection::instance, "instance() after close()");
            assertInstanceOf(ConnectionException.class, afterClose, "instance() after close() must throw a ConnectionException");
        }
    }

    @Test
    default void invalidConfigurationIsRejectedNamingTheKey() {
        try (KitRun<C> run = KitRun.start(this)) {
            Throwable rejected = run.connectInvalid("asking for a connection with invalidConfiguration()");
            if (!(rejected instanceof ConnectionConfigException)) {
                fail("invalidConfiguration() must be rejected with a ConnectionConfigException, but "
                        + rejected.getClass().getName() + " was thrown: throw ConnectionConfigException from connect() "
                        + "or create() for configuration errors. It was: " + rejected, rejected);
            }
            assertTrue(String.valueOf(rejected.getMessage()).contains(invalidConfigurationKey()),
                    () -> "The rejection of invalidConfiguration() must name the key \"" + invalidConfigurationKey()
                            + "\" so the user knows what to fix; its message is: " + rejected.getMessage());
        }
    }

    @Test
    default void secretNeverShowsInToStringMessagesOrLogs() {
        try (KitRun<C> run = KitRun.start(this)) {
            String blindSpot = run.logs.blindSpot();
            if (blindSpot != null) {
                fail("The kit cannot check what your connector logs. " + blindSpot);
            }
            C connection = run.connect();
            if (secretIsInConfiguration() && !String.valueOf(connection.config().asMap()).contains(run.secret)) {
                fail("configuration(secret) did not put the secret into the connection's configuration, so the kit"
                        + " could not see it leak from there: give it as the value of a key your connector treats as"
                        + " secret (or inside a value, where your provider's secretsIn finds it), or override"
                        + " secretIsInConfiguration() to return false if it reaches your"
                        + " connector another way (a file the configuration names, say)");
            }
            run.assertNoSecret(connection.toString(), "the connection's toString()");
            run.assertNoSecret(String.valueOf(connection.instance()), "the raw client's toString() (instance()), which"
                    + " users log too: wrap a client that prints its settings");
            run.assertNoSecret(connection.config().toString(), "config().toString()");
            run.assertNoSecret(String.valueOf(connection.config().masked()), "config().masked()");
            if (connection instanceof Queryable queryable) {
                queryable.query(rowsQuery());
                run.failure(() -> queryable.query(failingQuery()), "failingQuery()");
            }
            connection.reset();
            connection.instance();
            connection.close();
            run.failure(connection::instance, "instance() after close()");
            run.connectInvalid("invalidConfiguration()");
        }
    }

    @Test
    default void sixteenThreadsAskingAtOnceShareOneConnectionAndOneClient() {
        try (KitRun<C> run = KitRun.start(this)) {
            ConnectorConfig config = run.configuration();
            ConnectionRegistry registry = run.registry(config);
            List<C> connections = AtOnce.run(16, () -> run.connect(registry, KitRun.NAME, config));
            C connection = connections.get(0);
            assertEquals(1, AtOnce.distinct(connections), "16 threads asking the registry for one name at once got "
                    + AtOnce.distinct(connections) + " connections");
            connection.reset();
            List<Object> clients = AtOnce.run(16, connection::instance);
            assertEquals(1, AtOnce.distinct(clients), "16 threads calling instance() at once after reset() got "
                    + AtOnce.distinct(clients) + " raw clients: the connection connected more than once");
        }
    }

    // ---- queries ----------------------------------------------------------------------------

    @Test
    default void rowsQueryAnswersWithRows() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            QueryResult result = queryable.query(rowsQuery());
            assertFalse(result.isEmpty(), "rowsQuery() returned no rows");
            assertTrue(result.columnCount() > 0, "rowsQuery() returned rows without columns");
        }
    }

    @Test
    default void sameQueryTwiceRunsOnce() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            QueryResult first = queryable.query(freshQuery());
            QueryResult second = queryable.query(freshQuery());
            assertEquals(first.toMaps(), second.toMaps(), "The same query asked twice ran twice. Run queries through "
                    + "context().queryCache().get(sql, options, loader) so that a repeated query is answered from the cache.");
            assertNotEquals(first.toMaps(), queryable.query(freshQuery(), QueryOptions.noCache()).toMaps(),
                    "freshQuery() gave the same result when run again; it must differ on every run (a random UUID, say)");
        }
    }

    @Test
    default void ttlExpiresOnTheRegistryClock() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            assertFresh(queryable);
            QueryOptions ttl = QueryOptions.ttl(Duration.ofMinutes(1));
            QueryResult first = queryable.query(freshQuery(), ttl);
            run.clock.advance(Duration.ofSeconds(59));
            assertEquals(first.toMaps(), queryable.query(freshQuery(), ttl).toMaps(),
                    "A result with a ttl of 1 minute was not served from the cache 59 seconds later");
            run.clock.advance(Duration.ofSeconds(2));
            assertNotEquals(first.toMaps(), queryable.query(freshQuery(), ttl).toMaps(), "A result with a ttl of "
                    + "1 minute was still served 61 seconds later by the registry's clock. Cache through "
                    + "context().queryCache(), whose ttl follows the registry's ticker, and pass the options on unchanged.");
            QueryOptions short10 = QueryOptions.ttl(Duration.ofSeconds(10));
            QueryResult shortLived = queryable.query(freshQuery(), short10);
            run.clock.advance(Duration.ofSeconds(11));
            assertNotEquals(shortLived.toMaps(), queryable.query(freshQuery(), short10).toMaps(), "A result with a ttl"
                    + " of 10 seconds was still served 11 seconds later: pass the options' ttl on unchanged");
        }
    }

    @Test
    default void differentParametersAreDifferentCacheEntries() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            for (String value : List.of("first", "second", "first")) {
                QueryResult result = queryable.query(parameterisedQuery(), withParameter(QueryOptions.defaults(), value));
                assertFalse(result.isEmpty(), "parameterisedQuery() returned no rows");
                assertEquals(value, String.valueOf(result.get(0, 0)), "parameterisedQuery() with the value \"" + value
                        + "\" answered " + result.get(0, 0) + ": the parameters must be part of the cache key "
                        + "(pass the QueryOptions to the query cache unchanged) and be bound to the query");
            }
        }
    }

    @Test
    default void noCacheAlwaysRuns() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            QueryResult cached = queryable.query(freshQuery());
            QueryResult first = queryable.query(freshQuery(), QueryOptions.noCache());
            QueryResult second = queryable.query(freshQuery(), QueryOptions.noCache());
            assertNotEquals(first.toMaps(), second.toMaps(), "QueryOptions.noCache() served a result twice: it must run "
                    + "the query every time (or freshQuery() does not give a new result on every run, as it must)");
            assertNotEquals(cached.toMaps(), first.toMaps(), "QueryOptions.noCache() was answered from the cache");
            assertEquals(cached.toMaps(), queryable.query(freshQuery()).toMaps(),
                    "A query run with noCache() replaced the cached result of the same query");
        }
    }

    @Test
    default void sixteenThreadsQueryingAtOnceEachGetTheirOwnAnswer() {
        try (KitRun<C> run = KitRun.start(this)) {
            Queryable queryable = Queries.queryable(run.connect());
            int threads = 16;
            AtomicInteger numbers = new AtomicInteger();
            CyclicBarrier together = new CyclicBarrier(threads); // each round starts on every thread at once
            AtomicReference<RuntimeException> failed = new AtomicReference<>();
            List<String> wrong = AtOnce.run(threads, () -> {
                int thread = numbers.getAndIncrement();
                String first = null;
                for (int i = 0; i < 40; i++) { // every round on every thread, or the others would wait for it
                    String value = "t" + thread + "-" + i;
                    QueryOptions options = i % 2 == 0 ? QueryOptions.noCache() : QueryOptions.defaults();
                    try {
                        together.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("Another thread's query failed or hung: " + failed.get(),
                                failed.get());
                    }
                    QueryResult result;
                    try {
                        result = queryable.query(parameterisedQuery(), withParameter(options, value));
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                        together.reset(); // the others stop at once rather than wait out the timeout
                        throw e;
                    }
                    String answer = result.isEmpty() ? null : String.valueOf(result.get(0, 0));
                    if (first == null && !value.equals(answer)) {
                        first = value + " -> " + answer;
                    }
                }
                return first;
            });
            List<String> mixedUp = wrong.stream().filter(java.util.Objects::nonNull).toList();
            boolean othersAnswers = mixedUp.stream().anyMatch(pair -> pair.matches("t\\d+-\\d+ -> t\\d+-\\d+"));
            assertTrue(mixedUp.isEmpty(), () -> othersAnswers
                    ? "16 threads running parameterisedQuery() at once got answers to other threads' parameters: "
                            + mixedUp + ". A connection is shared between threads: keep no state of one query in"
                            + " fields of the connection"
                    : "parameterisedQuery() run by 16 threads at once did not answer with the parameter's own value: "
                            + mixedUp + ". Its first column of its first row must be the value as given (not padded)");
        }
    }

    @Test
    default void failedQueryIsNotCached() {
        try (KitRun<C> run = KitRun.start(this)) {
            ConnectorConfig config = run.configuration();
            ConnectionRegistry registry = run.registry(config);
            Queryable queryable = Queries.queryable(run.connect(registry, KitRun.NAME, config));
            long missesBefore = registry.queryCacheStats().misses();
            Throwable first = run.failure(() -> queryable.query(failingQuery()), "failingQuery()");
            long missesOfFirst = registry.queryCacheStats().misses() - missesBefore;
            Throwable second = run.failure(() -> queryable.query(failingQuery()), "failingQuery() asked again");
            long missesOfSecond = registry.queryCacheStats().misses() - missesBefore - missesOfFirst;
            for (Throwable failure : List.of(first, second)) {
                assertInstanceOf(QueryException.class, failure, () -> "A failed query must throw a QueryException "
                        + "(QueryException.of(sql, cause, config())), not " + failure);
            }
            Throwable kept = Exceptions.sharedWith(second, first);
            if (kept != null) {
                fail("failingQuery() asked again threw the same " + kept + " object as the first time: a failed "
                        + "query must run again, not rethrow a failure the connector kept");
            }
            // Zero both times is fine: a connector may reject the query before the cache, as long as it does so again.
            if (missesOfFirst > 0 && missesOfSecond == 0) {
                fail("failingQuery() asked again did not reach context().queryCache(), where the first did: a failed "
                        + "query must run again, not be answered from a failure the connector remembered");
            }
            assertFalse(queryable.query(rowsQuery()).isEmpty(), "rowsQuery() failed after a failed query");
        }
    }

    @Test
    default void resetServesNoResultOfTheOldClient() {
        try (KitRun<C> run = KitRun.start(this)) {
            C connection = run.connect();
            Queryable queryable = Queries.queryable(connection);
            assertFresh(queryable);
            QueryResult before = queryable.query(freshQuery());
            connection.reset();
            assertNotEquals(before.toMaps(), queryable.query(freshQuery()).toMaps(),
                    "After reset(), a result of the client before it was served: cache through context().queryCache(), "
                            + "which reset() clears, and not in fields of the connection");
        }
    }

    @Test
    default void queryCacheIsNotSharedBetweenConnections() {
        try (KitRun<C> run = KitRun.start(this)) {
            ConnectorConfig config = run.configuration();
            ConnectionRegistry registry = run.registry(config);
            Queryable one = Queries.queryable(run.connect(registry, KitRun.NAME, config));
            Queryable other = Queries.queryable(run.connect(registry, KitRun.OTHER_NAME, config));
            assertFresh(one);
            assertNotEquals(one.query(freshQuery()).toMaps(), other.query(freshQuery()).toMaps(), "Two connections "
                    + "shared a cached result: cache through context().queryCache(), which is one connection's own");
        }
    }

    /**
     * The checks that tell a cached answer from a new run by {@link #freshQuery()} first make sure
     * it can tell, so that a hook that cannot is not blamed on the connector.
     */
    private void assertFresh(Queryable queryable) {
        assertNotEquals(queryable.query(freshQuery(), QueryOptions.noCache()).toMaps(),
                queryable.query(freshQuery(), QueryOptions.noCache()).toMaps(), "freshQuery() run twice with"
                        + " QueryOptions.noCache() gave the same result, so this check cannot tell a cached answer from"
                        + " a new run: freshQuery() must give a new result on every run (a random UUID, say), and"
                        + " noCache() must run the query every time");
    }

    private void assertReleased(Object client, String action) {
        assertTrue(isReleased(client), () -> action + " left the raw client open: an override of " + action
                + " must call super's, and " + connectionClass().getSimpleName() + " must override release(client)"
                + " when the client is not AutoCloseable (or isReleased(client) is wrong)");
    }
}
