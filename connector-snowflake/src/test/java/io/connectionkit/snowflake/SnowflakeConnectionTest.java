package io.connectionkit.snowflake;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.Executable;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.snowflake.emulator.ReceivedStatement;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.LogCapture;
import io.connectionkit.snowflake.driver.TestKeys;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SnowflakeConnection through the real Snowflake JDBC driver, against the emulator. */
class SnowflakeConnectionTest {

    private static final String PASSWORD = "canary-Snow-5v";
    private static final KeyPair BOB = TestKeys.generate();
    private static SnowflakeEmulator emulator;

    @TempDir
    Path dir;
    private ConnectionRegistry registry;
    private SnowflakeConnection snow;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = SnowflakeEmulator.builder().user("alice", PASSWORD).user("bob", BOB.getPublic()).database("PETS")
                .start();
        emulator.execute("PETS", "create table owners (id number, name varchar, age number(3,0), weight number(5,2),"
                + " height float, vip boolean, born date, seen timestamp_ntz, met timestamp_tz, profile variant)");
        emulator.execute("PETS", "insert into owners values (1, 'Ada', 36, 61.50, 1.68, true, '1990-02-03',"
                + " '2024-05-06 07:08:09', '2024-05-06 07:08:09 +02:00', '{\"cats\": 2}')");
        emulator.execute("PETS", "insert into owners values (2, 'Bo', 25, 80.25, 1.80, false, '1999-12-31',"
                + " '2024-01-01 00:00:00', '2024-01-01 00:00:00 +00:00', null)");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void connect() {
        registry = registry(emulatorSection("alice", "password = \"" + PASSWORD + "\""));
        snow = registry.get("snow", SnowflakeConnection.class);
        emulator.clearStatements();
        emulator.faults().clear();
    }

    @AfterEach
    void close() {
        registry.close();
        emulator.faults().clear();
    }

    static String emulatorSection(String user, String credentials) {
        return """
                [connections.snow]
                type = "snowflake"
                account = "%s"
                user = "%s"
                %s
                host = "127.0.0.1"
                port = %d
                protocol = "http"
                database = "PETS"
                schema = "PUBLIC"
                retry_wait = 0
                """.formatted(emulator.account(), user, credentials, emulator.port());
    }

    private ConnectionRegistry registry(String toml) {
        return ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir)
                .environment(Map.of()).secretsToml(toml).build();
    }

    private long received(String sql) {
        return emulator.statements().stream().map(ReceivedStatement::sql).filter(sql::equals).count();
    }

    @Test
    void readsSnowflakeTypesAsJavaTypes() {
        QueryResult owners = snow.query("select * from owners order by id", QueryOptions.noCache());

        assertThat(owners.rowCount()).isEqualTo(2);
        assertThat(owners.get(0, "ID")).isEqualTo(1L);
        assertThat(owners.get(0, "NAME")).isEqualTo("Ada");
        assertThat(owners.get(0, "WEIGHT")).isEqualTo(new BigDecimal("61.50"));
        assertThat(owners.get(0, "HEIGHT")).isEqualTo(1.68);
        assertThat(owners.get(0, "VIP")).isEqualTo(true);
        assertThat(owners.get(0, "BORN")).isEqualTo(LocalDate.of(1990, 2, 3));
        assertThat(owners.get(0, "SEEN")).isEqualTo(LocalDateTime.of(2024, 5, 6, 7, 8, 9));
        assertThat(owners.get(0, "MET")).isEqualTo(OffsetDateTime.parse("2024-05-06T07:08:09+02:00"));
        assertThat(owners.get(0, "PROFILE")).asString().contains("\"cats\"").contains("2");
        assertThat(owners.get(1, "PROFILE")).isNull();
    }

    @Test
    void readsWholeNumbersBeyondLongTimesInstantsAndBytes() {
        snow.execute("create or replace table extremes (big number(38,0), at time, instant timestamp_ltz, raw binary)");
        snow.execute("insert into extremes values (?, ?, ?, ?)", new java.math.BigInteger("123456789012345678901234567890"),
                java.time.LocalTime.of(13, 14, 15), java.time.Instant.parse("2024-05-06T07:08:09Z"),
                new byte[] {(byte) 0xCA, (byte) 0xFE});

        QueryResult row = snow.query("select * from extremes", QueryOptions.noCache());

        assertThat(row.get(0, "BIG")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(row.get(0, "AT")).isEqualTo(java.time.LocalTime.of(13, 14, 15));
        assertThat(row.get(0, "INSTANT")).isInstanceOfSatisfying(OffsetDateTime.class, at ->
                assertThat(at.toInstant()).isEqualTo(java.time.Instant.parse("2024-05-06T07:08:09Z")));
        assertThat(row.get(0, "RAW")).isEqualTo(new byte[] {(byte) 0xCA, (byte) 0xFE});
    }

    @Test
    void bindsQuestionMarksAndNamedParameters() {
        QueryResult byArgs = snow.query("select name from owners where age > ? order by id", QueryOptions.noCache().args(30));
        QueryResult byName = snow.query("select name from owners where age < :age and name <> 'it''s :not'",
                QueryOptions.noCache().param("age", 30));

        assertThat(byArgs.toMaps()).containsExactly(Map.of("NAME", "Ada"));
        assertThat(byName.toMaps()).containsExactly(Map.of("NAME", "Bo"));
    }

    @Test
    void aCachedQueryRunsOnceAtSnowflake() {
        String sql = "select name from owners where id = ?";
        QueryResult first = snow.query(sql, QueryOptions.ttl(Duration.ofMinutes(5)).args(1));
        QueryResult second = snow.query(sql, QueryOptions.ttl(Duration.ofMinutes(5)).args(1));

        assertThat(second).isSameAs(first);
        assertThat(received(sql)).isEqualTo(1);
    }

    @Test
    void executeReturnsItsCountAndQueryRefusesAWriteBeforeSendingIt() {
        snow.execute("create or replace temporary table visits (owner number, at date)");

        assertThat(snow.execute("insert into visits values (?, ?)", 1, LocalDate.of(2024, 1, 2))).isEqualTo(1);
        assertThat(snow.execute("insert into visits values (:owner, :at)", Map.of("owner", 2, "at", LocalDate.of(2024, 3, 4))))
                .isEqualTo(1);
        assertThat(snow.execute("update visits set at = ? where owner > ?", LocalDate.of(2025, 1, 1), 0)).isEqualTo(2);
        assertThatThrownBy(() -> snow.query("delete from visits"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("execute(...)");
        assertThat(received("delete from visits")).isZero();
        assertThat(snow.query("select count(*) as n from visits", QueryOptions.noCache()).get(0, "N")).isEqualTo(2L);
    }

    @Test
    void asExecutableItTellsAWriteFromAQueryWithoutSendingEitherAndRunsTheWrite() {
        Executable executable = (Executable) registry.get("snow");
        snow.execute("create or replace temporary table visits (owner number, at date)");
        emulator.clearStatements();

        assertThat(executable.returnsNoRows("insert into visits values (:owner, :at)")).isTrue();
        assertThat(executable.returnsNoRows("select count(*) as n from visits")).isFalse();
        assertThat(emulator.statements()).as("nothing sent to tell them apart").isEmpty();
        assertThat(executable.execute("insert into visits values (:owner, :at)",
                QueryOptions.noCache().param("owner", 1).param("at", LocalDate.of(2024, 1, 2)))).isEqualTo(1);
        assertThat(executable.execute("insert into visits values (?, ?), (?, ?)",
                QueryOptions.noCache().args(2, LocalDate.of(2024, 3, 4), 3, LocalDate.of(2024, 5, 6)))).isEqualTo(2);
        assertThat(snow.query("select count(*) as n from visits", QueryOptions.noCache()).get(0, "N")).isEqualTo(3L);
    }

    @Test
    void cursorAndRawConnectionAreTheDriversOwn() throws Exception {
        try (Statement cursor = snow.cursor(); ResultSet rows = cursor.executeQuery("select current_database() as db")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("PETS");
        }
        assertThat(snow.rawConnection().getMetaData().getDriverName()).containsIgnoringCase("snowflake");
        assertThat(snow.rawConnection().getMetaData().getDriverMajorVersion())
                .isEqualTo(Integer.getInteger("expected.snowflake.driver.major"));
    }

    @Test
    void anExpiredSessionTokenIsRenewedWithoutTheCallerSeeingIt() {
        snow.query("select 1 as one", QueryOptions.noCache());
        emulator.faults().expireSessionTokens();

        assertThat(snow.query("select 2 as two", QueryOptions.noCache()).get(0, "TWO")).isEqualTo(2L);
    }

    @Test
    void anExpiredMasterTokenIsRetriedOnANewSession() {
        snow.query("select 1 as one", QueryOptions.noCache());
        java.sql.Connection before = snow.rawConnection();
        emulator.faults().expireMasterTokens();

        try (LogCapture logs = LogCapture.of(SnowflakeConnection.class, Level.WARN)) {
            assertThat(snow.query("select 2 as two", QueryOptions.noCache()).get(0, "TWO")).isEqualTo(2L);
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        }
        assertThat(snow.rawConnection()).isNotSameAs(before);
    }

    @Test
    void aWriteWhoseSessionExpiredIsNotSentAgainAndTheNextCallGetsANewSession() {
        snow.execute("create or replace table marks (n number)");
        java.sql.Connection before = snow.rawConnection();
        emulator.faults().expireMasterTokens();

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> snow.execute("insert into marks values (?)", 1))
                .satisfies(e -> assertThat(e.vendorCode()).isEqualTo(390114))
                .satisfies(e -> assertThat(e.isTransient()).isFalse())
                .withMessageContaining("it was not run again");
        assertThat(snow.rawConnection()).isNotSameAs(before);
        assertThat(snow.execute("insert into marks values (?)", 2)).isEqualTo(1);
        assertThat(snow.query("select n from marks", QueryOptions.noCache()).toMaps()).containsExactly(Map.of("N", 2L));
    }

    @Test
    void aReadWhoseAnswerTheNetworkLostIsSentAgainOnANewSession() {
        try (ConnectionRegistry quick = registry(emulatorSection("alice", "password = \"" + PASSWORD + "\"\nmaxHttpRetries = 1"));
             LogCapture logs = LogCapture.of(SnowflakeConnection.class, Level.WARN)) {
            SnowflakeConnection flaky = quick.get("snow", SnowflakeConnection.class);
            emulator.faults().dropNextAnswer();

            assertThat(flaky.query("select 7 as seven", QueryOptions.noCache()).get(0, "SEVEN")).isEqualTo(7L);
            assertThat(logs.messages()).singleElement().asString().contains("attempt 1 of 3");
        }
    }

    @Test
    void anErrorThatIsNoExpiryIsTriedOnce() {
        emulator.faults().failNextQueries(1, "002003", "42S02", "Object 'NOPE' does not exist or not authorized.");

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> snow.query("select * from owners", QueryOptions.noCache()))
                .satisfies(e -> {
                    assertThat(e.vendorCode()).isEqualTo(2003);
                    assertThat(e.sqlState()).isEqualTo("42S02");
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(received("select * from owners")).isEqualTo(1);
    }

    @Test
    void aStatementPastItsTimeoutIsCancelledAtSnowflake() {
        emulator.faults().delayNextQuery(Duration.ofSeconds(20));
        long start = System.nanoTime();

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> snow.query("select 3 as three", QueryOptions.noCache().timeout(Duration.ofSeconds(1))))
                .withMessageContaining("timed out after 1 s")
                .satisfies(e -> assertThat(e.isTransient()).isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(snow.query("select 4 as four", QueryOptions.noCache()).get(0, "FOUR")).isEqualTo(4L);
    }

    @Test
    void anInterruptCancelsTheRunningStatementAtSnowflake() throws Exception {
        emulator.faults().delayNextQuery(Duration.ofSeconds(20));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                snow.query("select 5 as five", QueryOptions.noCache());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> received("select 5 as five") == 1); // it reached Snowflake
        caller.interrupt();
        caller.join(Duration.ofSeconds(10).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(QueryException.class).hasMessageContaining("interrupted");
        assertThat(snow.query("select 6 as six", QueryOptions.noCache()).get(0, "SIX")).isEqualTo(6L);
    }

    @Test
    void withNoConfigurationAnywhereOneErrorNamesEveryPlaceLookedAt() {
        try (ConnectionRegistry none = registry("")) {
            assertThatExceptionOfType(io.connectionkit.api.ConnectionConfigException.class)
                    .isThrownBy(() -> none.get("snowflake", SnowflakeConnection.class))
                    .withMessageContaining("[connections.snowflake]")
                    .withMessageContaining("connections.toml")
                    .withMessageContaining("config.toml");
        }
    }

    @Test
    void aWrongPasswordGivesOneClearErrorWithoutTheSecret() {
        try (ConnectionRegistry wrong = registry(emulatorSection("alice", "password = \"wrong-" + PASSWORD + "\""))) {
            assertThatExceptionOfType(ConnectionException.class)
                    .isThrownBy(() -> wrong.get("snow", SnowflakeConnection.class))
                    .satisfies(e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("vendor code 390100").contains("Incorrect username or password");
                        assertThat(Exceptions.fullText(e)).doesNotContain(PASSWORD);
                    });
        }
    }

    @Test
    void aKeyPairLogsInAndAWrongKeyGivesOneClearError() throws Exception {
        Path key = TestKeys.writePem(dir.resolve("bob.p8"), BOB.getPrivate());
        try (ConnectionRegistry right = registry(emulatorSection("bob", "authenticator = \"SNOWFLAKE_JWT\"\n"
                + "private_key_file = \"" + key.toString().replace("\\", "\\\\") + "\""))) {
            assertThat(right.get("snow", SnowflakeConnection.class).query("select current_user() as u").get(0, "U"))
                    .isEqualTo("BOB");
        }
        Path other = TestKeys.writePem(dir.resolve("other.p8"), TestKeys.generate().getPrivate());
        try (ConnectionRegistry wrong = registry(emulatorSection("bob", "authenticator = \"SNOWFLAKE_JWT\"\n"
                + "private_key_file = \"" + other.toString().replace("\\", "\\\\") + "\""))) {
            assertThatExceptionOfType(ConnectionException.class)
                    .isThrownBy(() -> wrong.get("snow", SnowflakeConnection.class))
                    .satisfies(e -> assertThat(e.isTransient()).isFalse())
                    .satisfies(e -> assertThat(e.getMessage()).contains("vendor code 390144").contains("JWT token is invalid"));
        }
    }

    @Test
    void withoutASecretsSectionTheDefaultConnectionOfConnectionsTomlServesTheNameSnowflake() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.snowflake"));
        Files.writeString(home.resolve("connections.toml"), """
                [dev]
                account = "%s"
                user = "alice"
                password = "%s"
                host = "127.0.0.1"
                port = %d
                protocol = "http"
                database = "PETS"
                schema = "PUBLIC"
                """.formatted(emulator.account(), PASSWORD, emulator.port()));
        try (ConnectionRegistry files = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir.resolve("home"))
                .workingDirectory(dir).environment(Map.of("SNOWFLAKE_DEFAULT_CONNECTION_NAME", "dev")).build()) {
            SnowflakeConnection fromFile = files.get("snowflake", SnowflakeConnection.class);

            assertThat(fromFile.query("select count(*) as n from owners").get(0, "N")).isEqualTo(2L);
            assertThat(fromFile.toString()).contains("connections.toml").doesNotContain(PASSWORD);
        }
    }

    @Test
    void theDriverIsHandedNoSecretInItsUrl() throws Exception {
        assertThat(snow.rawConnection().getMetaData().getURL()).startsWith("jdbc:snowflake://127.0.0.1:")
                .doesNotContain(PASSWORD);
    }

    @Test
    void toStringNamesTheConnectionAndAccountNeverTheSecret() {
        assertThat(snow.toString()).startsWith("SnowflakeConnection[name=snow, type=snowflake, account=EMULATOR")
                .doesNotContain(PASSWORD);
    }

    @Test
    void writesOneHundredThousandRowsInChunksThatReadBackEqual() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(Map.of("ID", (long) i, "NAME", "pet " + i, "WEIGHT", BigDecimal.valueOf(i % 1000, 2)));
        }
        emulator.clearStatements();

        WriteResult written = snow.write("many_pets", rows, WriteOptions.defaults().autoCreateTable(true)
                .overwrite(true).chunkSize(25_000));

        assertThat(written).isEqualTo(new WriteResult(true, 4, 100_000));
        assertThat(emulator.statements().stream().filter(s -> s.sql().startsWith("insert into")))
                .as("one request a chunk").hasSize(4).allSatisfy(s -> assertThat(s.bindRows()).isEqualTo(25_000));
        QueryResult back = snow.query("select id, name, weight from many_pets order by id", QueryOptions.noCache());
        assertThat(back.toMaps()).as("every row, read back").isEqualTo(rows);
    }

    record Visit(long owner, String place, LocalDate day) {
    }

    @Test
    void writesRecordsAndAQueryResultIntoATableItCreates() {
        List<Visit> visits = List.of(new Visit(1, "park", LocalDate.of(2024, 6, 1)), new Visit(2, "vet", LocalDate.of(2024, 6, 2)));

        assertThat(snow.write("visits_of_records", visits, WriteOptions.defaults().autoCreateTable(true).overwrite(true)))
                .isEqualTo(new WriteResult(true, 1, 2));
        QueryResult read = snow.query("select owner, place, day from visits_of_records order by owner", QueryOptions.noCache());
        assertThat(snow.write("visits_copy", read, WriteOptions.defaults().autoCreateTable(true).overwrite(true)))
                .isEqualTo(new WriteResult(true, 1, 2));

        assertThat(snow.query("select * from visits_copy order by owner", QueryOptions.noCache()).toMaps())
                .containsExactly(Map.of("OWNER", 1L, "PLACE", "park", "DAY", LocalDate.of(2024, 6, 1)),
                        Map.of("OWNER", 2L, "PLACE", "vet", "DAY", LocalDate.of(2024, 6, 2)));
    }
}
