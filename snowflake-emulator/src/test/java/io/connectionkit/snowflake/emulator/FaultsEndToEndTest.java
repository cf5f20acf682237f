package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsEndToEndTest {
    private SnowflakeEmulator emulator;
    private Connection connection;
    private Statement statement;

    @BeforeEach
    void start() throws SQLException {
        emulator = SnowflakeEmulator.start();
        connection = Jdbc.connect(emulator, "emulator", "emulator");
        statement = connection.createStatement();
        statement.execute("create table events (id number)");
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @Test
    void renewsAnExpiredSessionTokenWithoutTheCallerNoticing() throws SQLException {
        emulator.faults().expireSessionTokens();

        assertThat(statement.executeUpdate("insert into events values (1)")).isEqualTo(1);
        assertThat(count("select count(*) from events")).isEqualTo(1);
    }

    @Test
    void failsTheNextStatementWithVendorCode390114OnceTheMasterTokenExpired() {
        emulator.faults().expireMasterTokens();

        SQLException expired =
                catchThrowableOfType(SQLException.class, () -> statement.executeQuery("select 1"));

        assertThat(expired.getErrorCode()).isEqualTo(390114);
        assertThat(expired.getSQLState()).isEqualTo("08001");
    }

    @Test
    void failsTheNextQueriesWithTheErrorAsked() throws SQLException {
        emulator.faults()
                .failNextQueries(
                        2,
                        "000630",
                        "57014",
                        "Statement reached its statement or warehouse timeout");

        for (int i = 0; i < 2; i++) {
            SQLException failed =
                    catchThrowableOfType(
                            SQLException.class, () -> statement.executeQuery("select 1"));
            assertThat(failed.getErrorCode()).isEqualTo(630);
            assertThat(failed.getSQLState()).isEqualTo("57014");
            assertThat(failed.getMessage())
                    .contains("Statement reached its statement or warehouse timeout");
        }
        assertThat(count("select 1")).isEqualTo(1);
    }

    @Test
    void endsADelayedStatementAtItsQueryTimeout() {
        emulator.faults().delayNextQuery(Duration.ofSeconds(30));

        SQLException canceled =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () -> {
                            statement.setQueryTimeout(1);
                            return catchThrowableOfType(
                                    SQLException.class, () -> statement.executeQuery("select 1"));
                        });

        assertThat(canceled.getErrorCode()).isEqualTo(604);
        assertThat(canceled.getSQLState()).isEqualTo("57014");
        assertThat(canceled.getMessage()).contains("SQL execution canceled");
    }

    @Test
    void endsADelayedStatementWhenCancelled() throws Exception {
        emulator.faults().delayNextQuery(Duration.ofSeconds(30));
        CompletableFuture<SQLException> outcome =
                CompletableFuture.supplyAsync(
                        () ->
                                catchThrowableOfType(
                                        SQLException.class,
                                        () ->
                                                statement.executeUpdate(
                                                        "insert into events values (1)")));
        // Logged once under way: a cancel from then on reaches it, also before its delay begins.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.statements().stream().anyMatch(s -> s.sql().startsWith("insert")));

        statement.cancel();

        SQLException canceled = outcome.get(15, TimeUnit.SECONDS);
        assertThat(canceled.getErrorCode()).isEqualTo(604);
        assertThat(count("select count(*) from events")).isZero();
    }

    @Test
    void delaysTheNextStatementOnly() throws SQLException {
        emulator.faults().delayNextQuery(Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThat(count("select 1")).isEqualTo(1);
        long delayed = System.nanoTime() - started;
        started = System.nanoTime();
        assertThat(count("select 1")).isEqualTo(1);
        long next = System.nanoTime() - started;

        assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(next)).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void surfacesADroppedAnswerAsAnSqlExceptionAfterRunningTheStatementOnce() throws Exception {
        // The driver retries a lost answer maxHttpRetries times (seven by default) before it gives
        // up.
        try (Connection impatient =
                        Jdbc.connect(emulator, "emulator", "emulator", "maxHttpRetries", "1");
                Statement insert = impatient.createStatement()) {
            emulator.faults().dropNextAnswer();

            SQLException lost =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(30),
                            () ->
                                    catchThrowableOfType(
                                            SQLException.class,
                                            () ->
                                                    insert.executeUpdate(
                                                            "insert into events values (1)")));

            // 58030: the driver's own I/O error, once it has given up.
            assertThat(lost.getSQLState()).isEqualTo("58030");
            assertThat(count("select count(*) from events")).isEqualTo(1);
        }
    }

    @Test
    void logsTheStatementsOfEachSession() throws SQLException {
        emulator.clearStatements();
        statement.executeQuery("select 1").close();
        try (Connection other = Jdbc.connect(emulator, "emulator", "emulator");
                Statement otherStatement = other.createStatement()) {
            otherStatement.executeQuery("select 2").close();
        }

        List<ReceivedStatement> log = emulator.statements();
        assertThat(log).extracting(ReceivedStatement::sql).containsExactly("select 1", "select 2");
        assertThat(log).extracting(ReceivedStatement::bindRows).containsExactly(0, 0);
        assertThat(log.get(0).sessionId()).isNotEqualTo(log.get(1).sessionId());

        emulator.clearStatements();
        assertThat(emulator.statements()).isEmpty();
    }

    @Test
    void setsFaultsAndServesTheStatementLogOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + emulator.port() + "/emulator/";

        HttpResponse<String> failing =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "faults/fail-next-queries"))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"count\": 1, \"code\": \"000630\", "
                                                        + "\"sqlState\": \"57014\", \"message\": \"too slow\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(failing.statusCode()).isEqualTo(200);
        SQLException failed =
                catchThrowableOfType(SQLException.class, () -> statement.executeQuery("select 42"));
        assertThat(failed.getErrorCode()).isEqualTo(630);
        assertThat(failed.getMessage()).contains("too slow");

        HttpResponse<String> log =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "statements")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode statements = new ObjectMapper().readTree(log.body()).path("statements");
        assertThat(statements.get(statements.size() - 1).path("sql").asText())
                .isEqualTo("select 42");

        HttpResponse<String> cleared =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "statements")).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(emulator.statements()).isEmpty();

        HttpResponse<String> expired =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "faults/expire-master-tokens"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(200);
        SQLException mustLogIn =
                catchThrowableOfType(SQLException.class, () -> statement.executeQuery("select 1"));
        assertThat(mustLogIn.getErrorCode()).isEqualTo(390114);

        HttpResponse<String> unknown =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "faults/set-fire"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> incomplete =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "faults/fail-next-queries"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"count\": 1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(incomplete.statusCode()).isEqualTo(400);
    }

    private long count(String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return new BigDecimal(rows.getString(1)).longValueExact();
        }
    }
}
