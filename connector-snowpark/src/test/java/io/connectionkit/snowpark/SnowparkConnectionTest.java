package io.connectionkit.snowpark;

import ch.qos.logback.classic.Level;
import com.snowflake.snowpark_java.Functions;
import com.snowflake.snowpark_java.Row;
import com.snowflake.snowpark_java.Session;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.emulator.ReceivedStatement;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.util.Throwables.getStackTrace;
import static org.awaitility.Awaitility.await;

/** SnowparkConnection: Snowpark 1.16.0 on the real Snowflake driver, against the emulator. */
class SnowparkConnectionTest {

    private static final String PASSWORD = "canary-Park-7xQ";
    private static SnowflakeEmulator emulator;

    @TempDir
    Path home;
    private final List<ConnectionRegistry> registries = new ArrayList<>();

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = SnowflakeEmulator.builder().user("alice", PASSWORD).user("carol", PASSWORD + "-carol")
                .database("PETS").database("BARN").start();
        emulator.execute("PETS", "create table pets (name varchar, species varchar, age number)");
        emulator.execute("PETS", "insert into pets values ('Rex', 'dog', 3), ('Tom', 'cat', 7), ('Kit', 'cat', 1),"
                + " ('Bo', 'dog', 12)");
        emulator.execute("BARN", "create table pets (name varchar)");
        emulator.execute("BARN", "insert into pets values ('Daisy')");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(ConnectionRegistry::close);
        emulator.faults().clear();
    }

    /** The emulator's address and the login of alice, as a secrets section of {@code name}. */
    static String section(String name, String extra) {
        return """
                [connections.%s]
                type = "snowpark"
                account = "%s"
                user = "alice"
                password = "%s"
                host = "127.0.0.1"
                port = %d
                protocol = "http"
                database = "PETS"
                schema = "PUBLIC"
                retry_wait = 0
                %s
                """.formatted(name, emulator.account(), PASSWORD, emulator.port(), extra);
    }

    private ConnectionRegistry registry(String toml) {
        ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(home)
                .workingDirectory(home).environment(Map.of()).secretsToml(toml).build();
        registries.add(registry);
        return registry;
    }

    private SnowparkConnection connection() {
        return registry(section("park", "")).get("park", SnowparkConnection.class);
    }

    private void snowSqlConfig(String ini) throws IOException {
        Files.createDirectories(home.resolve(".snowsql"));
        Files.writeString(home.resolve(".snowsql/config"), ini);
    }

    private static long received(String sql) {
        return emulator.statements().stream().map(ReceivedStatement::sql).filter(sql::equals).count();
    }

    private static String currentDatabase(SnowparkConnection park) {
        return (String) park.query("select current_database() as db", QueryOptions.noCache()).get(0, "DB");
    }

    @Test
    void queryReturnsRowsWithSnowflakeTypesReadAsJava() {
        QueryResult dogs = connection().query("select name, age from pets where species = ? order by age",
                QueryOptions.noCache().args("dog"));

        assertThat(dogs.toMaps()).containsExactly(Map.of("NAME", "Rex", "AGE", 3L), Map.of("NAME", "Bo", "AGE", 12L));
    }

    @Test
    void snowparkRunsOnTheDriverConnectorSnowflakeUsesAndLogsThroughTheAppsSlf4jBackend() throws Exception {
        String driver = connection().withSession(session -> {
            try {
                return session.jdbcConnection().getMetaData().getDriverVersion();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(driver).isEqualTo("3.28.0");
        assertThat(getClass().getClassLoader().getResource("org/slf4j/simple/SimpleLogger.class"))
                .as("Snowpark's slf4j-simple, which would take over the application's logging").isNull();
    }

    @Test
    void aDataFramePipelineRunsOnTheSession() {
        Row[] cats = connection().withSession(session -> session.table("pets")
                .filter(Functions.col("species").equal_to(Functions.lit("cat")))
                .select(Functions.col("name"), Functions.col("age"))
                .sort(Functions.col("age").desc())
                .collect());

        assertThat(Arrays.stream(cats).map(row -> row.getString(0) + ":" + row.getLong(1)))
                .containsExactly("Tom:7", "Kit:1");
    }

    @Test
    void aCachedQueryRunsOnceAtSnowflake() {
        SnowparkConnection park = connection();
        emulator.clearStatements();
        QueryOptions tenMinutes = QueryOptions.ttl(Duration.ofMinutes(10));

        QueryResult first = park.query("select count(*) as n from pets", tenMinutes);
        QueryResult second = park.query("select count(*) as n from pets", tenMinutes);

        assertThat(second.get(0, "N")).isEqualTo(4L);
        assertThat(second).isSameAs(first);
        assertThat(received("select count(*) as n from pets")).isEqualTo(1);
    }

    @Test
    void anExpiredMasterTokenIsRetriedOnANewSession() {
        SnowparkConnection park = connection();
        Session before = park.session();
        emulator.faults().expireMasterTokens();

        try (LogCapture logs = LogCapture.of(SnowparkConnection.class, Level.WARN)) {
            assertThat(park.query("select 2 as two", QueryOptions.noCache()).get(0, "TWO")).isEqualTo(2L);
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        }
        assertThat(park.session()).isNotSameAs(before);
    }

    @Test
    void anErrorThatIsNoExpiryIsTriedOnce() {
        SnowparkConnection park = connection();
        emulator.clearStatements();
        emulator.faults().failNextQueries(1, "002003", "42S02", "Object 'PETS' does not exist or not authorized.");

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> park.query("select * from pets", QueryOptions.noCache()))
                .satisfies(e -> assertThat(e.vendorCode()).isEqualTo(2003))
                .satisfies(e -> assertThat(e.isTransient()).isFalse());
        assertThat(received("select * from pets")).isEqualTo(1);
    }

    @Test
    void aStatementPastItsTimeoutIsCancelledAndTheSessionServesTheNext() {
        SnowparkConnection park = registry(section("park", "query_timeout = 1")).get("park", SnowparkConnection.class);
        emulator.faults().delayNextQuery(Duration.ofSeconds(20));

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> park.query("select 3 as three", QueryOptions.noCache()))
                .withMessageContaining("timed out after 1 s");
        assertThat(park.query("select 4 as four", QueryOptions.noCache()).get(0, "FOUR")).isEqualTo(4L);
    }

    @Test
    void anInterruptCancelsTheRunningStatementAtSnowflake() throws Exception {
        SnowparkConnection park = connection();
        emulator.clearStatements();
        emulator.faults().delayNextQuery(Duration.ofSeconds(20));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                park.query("select 5 as five", QueryOptions.noCache());
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> received("select 5 as five") == 1);
        caller.interrupt();
        caller.join(Duration.ofSeconds(10).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(QueryException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted).isTrue();
        assertThat(park.query("select 6 as six", QueryOptions.noCache()).get(0, "SIX")).isEqualTo(6L);
    }

    @Test
    void anInterruptEndsTheWaitForTheSessionAnotherThreadHolds() throws Exception {
        SnowparkConnection park = connection();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread holder = new Thread(() -> park.withSession(session -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread waiter = new Thread(() -> {
            try {
                park.withSession(session -> session.sql("select 1").collect());
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitsForTheSession(waiter));
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10).toMillis());
        release.countDown();
        holder.join(Duration.ofSeconds(10).toMillis());

        assertThat(failure.get()).isInstanceOf(ConnectionException.class).hasMessageContaining("Interrupted while waiting");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void withSessionFromEightThreadsNeverInterleaves() throws Exception {
        SnowparkConnection park = connection();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int age = thread;
                counts.add(threads.submit(() -> {
                    start.await();
                    long total = 0;
                    for (int round = 0; round < 5; round++) {
                        total += park.withSession(session -> {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            try {
                                return session.table("pets").filter(Functions.col("age").gt(Functions.lit(age))).count();
                            } finally {
                                inside.decrementAndGet();
                            }
                        });
                    }
                    return total;
                }));
            }
            start.countDown();
            for (int thread = 0; thread < 8; thread++) {
                long older = thread < 1 ? 4 : thread < 3 ? 3 : thread < 7 ? 2 : 1;
                assertThat(counts.get(thread).get(60, TimeUnit.SECONDS)).isEqualTo(5 * older);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mostInside.get()).isEqualTo(1);
    }

    @Test
    void aQueryWaitsWhileAnotherThreadHoldsTheSession() throws Exception {
        SnowparkConnection park = connection();
        emulator.clearStatements();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> park.withSession(session -> {
                holding.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Future<QueryResult> waiting = threads.submit(() -> park.query("select 8 as eight", QueryOptions.noCache()));

            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(SnowparkConnectionTest::waitsForTheSession));
            assertThat(received("select 8 as eight")).isZero();
            release.countDown();

            assertThat(waiting.get(30, TimeUnit.SECONDS).get(0, "EIGHT")).isEqualTo(8L);
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCachedQueryInsideWithSessionRunsWhileAnotherThreadWaitsToRunTheSameOne() throws Exception {
        SnowparkConnection park = connection();
        QueryOptions cached = QueryOptions.ttl(Duration.ofMinutes(10));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch otherWaits = new CountDownLatch(1);
            Future<Object> inside = threads.submit(() -> park.withSession(session -> {
                holding.countDown();
                try {
                    assertThat(otherWaits.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return park.query("select count(*) as n from pets", cached).get(0, "N");
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Object> outside = threads.submit(() -> park.query("select count(*) as n from pets", cached).get(0, "N"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(SnowparkConnectionTest::waitsForTheSession));
            otherWaits.countDown();

            assertThat(inside.get(20, TimeUnit.SECONDS)).isEqualTo(4L);
            assertThat(outside.get(20, TimeUnit.SECONDS)).isEqualTo(4L);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Whether {@code thread} is parked waiting for a connection's lock (not for the test's latch). */
    private static boolean waitsForTheSession(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(SnowparkConnection.class.getName()) && frame.getMethodName().equals("locked"));
    }

    @Test
    void optionsAloneConfigureASession() {
        ConnectionRegistry registry = registry("");
        SnowparkConnection park = registry.request("park").type("snowpark")
                .options(Map.of("account", emulator.account(), "user", "alice", "password", PASSWORD,
                        "host", "127.0.0.1", "port", emulator.port(), "protocol", "http", "database", "BARN"))
                .get(SnowparkConnection.class);

        assertThat(park.query("select name from pets").get(0, "NAME")).isEqualTo("Daisy");
    }

    @Test
    void optionsWinOverTheSecretsWhichWinOverSnowSqlsConfig() throws Exception {
        snowSqlConfig("""
                [connections]
                accountname = nobody
                [connections.park]
                accountname = %s
                username = carol
                password = "%s-carol"
                dbname = PETS
                rolename = ANALYST
                """.formatted(emulator.account(), PASSWORD));
        SnowparkConnection park = registry("""
                [connections.park]
                type = "snowpark"
                host = "127.0.0.1"
                port = %d
                protocol = "http"
                database = "BARN"
                """.formatted(emulator.port())).request("park").option("user", "alice").option("password", PASSWORD)
                .get(SnowparkConnection.class);

        QueryResult who = park.query("select current_user() as u, current_database() as db, current_role() as r",
                QueryOptions.noCache());
        assertThat(who.toMaps()).containsExactly(Map.of("U", "ALICE", "DB", "BARN", "R", "ANALYST"));
        assertThat(park.toString()).contains("secretsToml:1").doesNotContain(PASSWORD);
    }

    @Test
    void snowSqlsConfigAloneServesWithItsNamedSectionOverItsDefault() throws Exception {
        snowSqlConfig("""
                # SnowSQL's own file
                [connections]
                accountname = nobody
                [connections.park]
                accountname = %s
                username = alice
                password = %s   # inline comment
                dbname = BARN
                host = 127.0.0.1
                port = %d
                protocol = http
                """.formatted(emulator.account(), PASSWORD, emulator.port()));
        SnowparkConnection park = registry("").request("park").type("snowpark").get(SnowparkConnection.class);

        assertThat(currentDatabase(park)).isEqualTo("BARN");
        assertThat(park.toString()).contains("~/.snowsql/config");
    }

    @Test
    void aSnowflakeSectionServesASnowparkConnectionToo() {
        ConnectionRegistry registry = registry(section("snowflake", "").replace("type = \"snowpark\"", "type = \"snowflake\""));

        SnowparkConnection park = registry.request("snowflake").type("snowpark").get(SnowparkConnection.class);

        assertThat(currentDatabase(park)).isEqualTo("PETS");
    }

    @Test
    void withoutAnAccountOneErrorNamesTheThreePlacesLookedAt() {
        ConnectionRegistry registry = registry("[connections.park]\ntype = \"snowpark\"\nuser = \"alice\"\n");

        assertThatExceptionOfType(ConnectionConfigException.class)
                .isThrownBy(() -> registry.get("park", SnowparkConnection.class))
                .withMessageContaining("connections.park.account is required but missing")
                .withMessageContaining("options given in code")
                .withMessageContaining("[connections.park] in the secrets")
                .withMessageContaining("~/.snowsql/config");
    }

    @Test
    void aWrongPasswordGivesOneClearErrorWithoutTheSecret() {
        ConnectionRegistry registry = registry(section("park", "").replace(PASSWORD, "wrong-" + PASSWORD));

        assertThatExceptionOfType(ConnectionException.class)
                .isThrownBy(() -> registry.get("park", SnowparkConnection.class))
                .satisfies(e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("vendor code 390100").contains("Incorrect username or password");
                    assertThat(getStackTrace(e)).doesNotContain(PASSWORD);
                });
    }

    @Test
    void aWriteIsRefusedByQueryBeforeAnythingRunsAndExecuteRunsIt() {
        SnowparkConnection park = connection();
        park.execute("create or replace table visits (pet varchar, day date)");
        emulator.clearStatements();

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> park.query("insert into visits values ('Rex', current_date())", QueryOptions.noCache()))
                .withMessageContaining("execute(...)");
        assertThat(emulator.statements()).isEmpty();
        assertThat(park.execute("insert into visits values (?, current_date()), (?, current_date())",
                "Rex", "Tom")).isEqualTo(2);
        assertThat(park.execute("delete from visits where pet = :pet", Map.of("pet", "Rex"))).isEqualTo(1);
        assertThat(park.query("select pet from visits", QueryOptions.noCache()).toMaps()).containsExactly(Map.of("PET", "Tom"));
    }

    @Test
    void asExecutableItTellsAWriteFromAQueryWithoutSendingEitherAndRunsTheWrite() {
        ConnectionRegistry registry = registry(section("park", ""));
        Executable executable = (Executable) registry.get("park");
        SnowparkConnection park = registry.get("park", SnowparkConnection.class);
        park.execute("create or replace table walks (pet varchar, minutes number)");
        emulator.clearStatements();

        assertThat(executable.returnsNoRows("insert into walks values (:pet, :minutes)")).isTrue();
        assertThat(executable.returnsNoRows("select count(*) as n from walks")).isFalse();
        assertThat(emulator.statements()).as("nothing sent to tell them apart").isEmpty();
        assertThat(executable.execute("insert into walks values (:pet, :minutes)",
                QueryOptions.noCache().param("pet", "Rex").param("minutes", 30))).isEqualTo(1);
        assertThat(executable.execute("insert into walks values (?, ?), (?, ?)",
                QueryOptions.noCache().args("Tom", 5, "Kit", 10))).isEqualTo(2);
        assertThat(park.query("select sum(minutes) as total from walks", QueryOptions.noCache()).get(0, "TOTAL"))
                .isEqualTo(45L);
    }

    @Test
    void aResetClosesTheSessionAndTheNextCallOpensANewOne() throws Exception {
        SnowparkConnection park = connection();
        Session before = park.session();

        park.reset();

        assertThat(before.jdbcConnection().isClosed()).isTrue();
        assertThat(park.session()).isNotSameAs(before);
        assertThat(park.query("select 1 as one", QueryOptions.noCache()).get(0, "ONE")).isEqualTo(1L);
    }

    @Test
    void toStringNamesTheConnectionAndAccountNeverTheSecret() {
        SnowparkConnection park = connection();

        assertThat(park.toString()).contains("park").contains(emulator.account()).contains("secretsToml:1")
                .doesNotContain(PASSWORD);
    }
}
