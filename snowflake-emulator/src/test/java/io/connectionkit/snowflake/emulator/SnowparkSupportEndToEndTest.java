package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What Snowpark for Java (1.16) asks of the server besides ordinary statements: the parameters it
 * reads at login and with SHOW PARAMETERS, its query tag, the cancel its Session.close() sends, the
 * keep-alive it turns on, and the SQL its DataFrames generate. Statements go through prepared
 * statements, as Snowpark sends them.
 */
class SnowparkSupportEndToEndTest {
    private SnowflakeEmulator emulator;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        emulator = SnowflakeEmulator.builder().database("PETS").start();
        emulator.execute("PETS", "create table pets (name varchar, age int)");
        emulator.execute("PETS", "insert into pets values ('Rex', 5), ('Tom', 1), ('Kit', 3)");
        connection = connect();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @Test
    void givesTheDriverTheParametersSnowparkReadsAtLogin() throws Exception {
        Object session = driverSession(connection);

        assertThat(call(session, "getOtherParameter", "SNOWPARK_LAZY_ANALYSIS")).isEqualTo(true);
        assertThat(call(session, "getOtherParameter", "QUERY_TAG")).isEqualTo("");
    }

    @Test
    void showsParametersWithSnowflakesColumns() throws SQLException {
        try (PreparedStatement show =
                        connection.prepareStatement("show parameters like 'query_tag'");
                ResultSet result = show.executeQuery()) {
            ResultSetMetaData metaData = result.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                names.add(metaData.getColumnName(i));
            }
            assertThat(names)
                    .containsExactly("key", "value", "default", "level", "description", "type");
            assertThat(result.next()).isTrue();
            assertThat(result.getString("key")).isEqualTo("QUERY_TAG");
            assertThat(result.getString("value")).isEmpty();
            assertThat(result.getString("default")).isEmpty();
            assertThat(result.getString("level")).isEmpty();
            assertThat(result.getString("description")).isNotEmpty();
            assertThat(result.getString("type")).isEqualTo("STRING");
            assertThat(result.next()).isFalse();
        }
        assertThat(rows("SHOW PARAMETERS LIKE 'AUTO%' IN SESSION"))
                .extracting(
                        row -> List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(5)))
                .containsExactly(List.of("AUTOCOMMIT", "true", "true", "", "BOOLEAN"));
        assertThat(rows("show parameters"))
                .extracting(row -> row.get(0))
                .contains("TIMEZONE", "AUTOCOMMIT", "QUERY_TAG", "SNOWPARK_LAZY_ANALYSIS")
                .isSorted();
    }

    @Test
    void answersNoRowsForAParameterSnowparkAsksForButTheEmulatorDoesNotKnow() throws SQLException {
        // With no row Snowpark falls back to its default; an error would fail its first DataFrame.
        assertThat(rows("SHOW PARAMETERS LIKE 'snowpark_hide_internal_alias'")).isEmpty();
        assertThat(rows("SHOW PARAMETERS LIKE 'snowpark_use_scoped_temp_objects' IN ACCOUNT"))
                .isEmpty();
    }

    @Test
    void setsAndUnsetsTheQueryTagAsSnowparkDoes() throws SQLException {
        rows("alter session set QUERY_TAG = 'nightly load'");

        assertThat(rows("SHOW PARAMETERS LIKE 'QUERY_TAG'"))
                .extracting(row -> row.subList(0, 4))
                .containsExactly(List.of("QUERY_TAG", "nightly load", "", "SESSION"));
        assertThat(rows("SHOW PARAMETERS LIKE 'QUERY_TAG' IN ACCOUNT"))
                .extracting(row -> row.get(1))
                .containsExactly("");

        rows("alter session unset QUERY_TAG");

        assertThat(rows("SHOW PARAMETERS LIKE 'QUERY_TAG'"))
                .extracting(row -> row.subList(0, 4))
                .containsExactly(List.of("QUERY_TAG", "", "", ""));
    }

    @Test
    void showsTheParametersTheLoginAndAlterSessionSet() throws SQLException {
        try (Connection keptAlive = connect("CLIENT_SESSION_KEEP_ALIVE", "true")) {
            assertThat(rows(keptAlive, "show parameters like 'client_session_keep_alive'"))
                    .extracting(row -> row.subList(0, 4))
                    .containsExactly(
                            List.of("CLIENT_SESSION_KEEP_ALIVE", "true", "false", "SESSION"));

            keptAlive.setAutoCommit(false);
            rows(keptAlive, "alter session set week_start = 1, query_tag = 'a', query_tag = 'b'");

            assertThat(rows(keptAlive, "show parameters like 'autocommit'"))
                    .extracting(row -> row.get(1))
                    .containsExactly("false");
            assertThat(rows(keptAlive, "show parameters like 'week_start'"))
                    .extracting(row -> List.of(row.get(1), row.get(3), row.get(5)))
                    .containsExactly(List.of("1", "SESSION", "NUMBER"));
            assertThat(rows(keptAlive, "show parameters like 'query_tag'"))
                    .extracting(row -> row.get(1))
                    .containsExactly("b");

            // The session's time zone is fixed at login: it stays, and SHOW PARAMETERS says so.
            List<List<String>> timeZone = rows(keptAlive, "show parameters like 'timezone'");
            rows(keptAlive, "alter session set timezone = 'Pacific/Chatham'");
            assertThat(rows(keptAlive, "show parameters like 'timezone'")).isEqualTo(timeZone);
        }
        // Each session has its own.
        assertThat(rows("show parameters like 'client_session_keep_alive'"))
                .extracting(row -> row.get(1))
                .containsExactly("false");
    }

    @Test
    void refusesAParameterValueOfTheWrongType() {
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class,
                        () -> rows("alter session set client_prefetch_threads = 'many'"));

        assertThat(refused.getErrorCode()).isEqualTo(1003);
        assertThat(refused.getMessage())
                .contains("invalid value [many] for parameter 'CLIENT_PREFETCH_THREADS'");
    }

    @Test
    void answersTheCancelSnowparksSessionCloseSends() throws SQLException {
        String sessionId = rows("select current_session()").get(0).get(0);
        String sql = "select system$cancel_all_queries(" + sessionId + ")";

        try (PreparedStatement cancel = connection.prepareStatement(sql);
                ResultSet result = cancel.executeQuery()) {
            assertThat(result.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(result.getMetaData().getColumnName(1))
                    .isEqualTo("SYSTEM$CANCEL_ALL_QUERIES(" + sessionId + ")");
            assertThat(result.getMetaData().getColumnTypeName(1)).isEqualTo("VARCHAR");
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("0 cancelled.");
            assertThat(result.next()).isFalse();
        }
        // The session is still usable until it is closed.
        assertThat(rows("select count(*) from pets")).containsExactly(List.of("3"));
    }

    @Test
    void cancelsTheRunningStatementsOfASession() throws Exception {
        String sessionId = rows("select current_session()").get(0).get(0);
        emulator.faults().delayNextQuery(Duration.ofSeconds(30));
        CompletableFuture<SQLException> outcome =
                CompletableFuture.supplyAsync(
                        () ->
                                catchThrowableOfType(
                                        SQLException.class,
                                        () -> rows("select 'Max', count(*) from pets")));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                emulator.statements().stream()
                                        .anyMatch(s -> s.sql().contains("'Max'")));

        assertThat(rows("SELECT SYSTEM$CANCEL_ALL_QUERIES(" + sessionId + ")"))
                .containsExactly(List.of("1 cancelled."));

        SQLException canceled = outcome.get(15, TimeUnit.SECONDS);
        assertThat(canceled.getErrorCode()).isEqualTo(604);
        assertThat(canceled.getSQLState()).isEqualTo("57014");
        assertThat(rows("select count(*) from pets")).containsExactly(List.of("3"));
        assertThat(rows("SELECT SYSTEM$CANCEL_ALL_QUERIES(" + sessionId + ")"))
                .containsExactly(List.of("0 cancelled."));
    }

    @Test
    void leavesTheStatementsOfOtherSessionsRunning() throws Exception {
        String ownId = rows("select current_session()").get(0).get(0);
        try (Connection other = connect()) {
            String otherId = rows(other, "select current_session()").get(0).get(0);
            emulator.faults().delayNextQuery(Duration.ofSeconds(60));
            CompletableFuture<SQLException> outcome =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    rows("select count(*) from pets");
                                    return null;
                                } catch (SQLException e) {
                                    return e;
                                }
                            });
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    emulator.statements().stream()
                                            .anyMatch(
                                                    s ->
                                                            s.sql()
                                                                    .equals(
                                                                            "select count(*) from pets")));

            assertThat(rows(other, "select system$cancel_all_queries(" + otherId + ")"))
                    .containsExactly(List.of("0 cancelled."));
            assertThat(outcome).isNotDone();
            // Still running after the other session's cancel: its own session's ends it.
            assertThat(rows(other, "select system$cancel_all_queries(" + ownId + ")"))
                    .containsExactly(List.of("1 cancelled."));
            assertThat(outcome.get(15, TimeUnit.SECONDS).getErrorCode()).isEqualTo(604);
        }
    }

    @Test
    void aLoginThatTurnsAutocommitOffGetsIt() throws SQLException {
        try (Connection manual = connect("AUTOCOMMIT", "false")) {
            try (java.sql.Statement statement = manual.createStatement()) {
                statement.execute("insert into pets values ('Bo', 9)");
            }
            manual.rollback();
        }

        assertThat(rows("select count(*) from pets")).containsExactly(List.of("3"));
    }

    @Test
    void answersACancelOfOneQuery() throws SQLException {
        try (PreparedStatement cancel =
                        connection.prepareStatement(
                                "SELECT SYSTEM$CANCEL_QUERY('01b2c3d4-0000-0000-0000-000000000001')");
                ResultSet result = cancel.executeQuery()) {
            assertThat(result.getMetaData().getColumnName(1))
                    .isEqualTo("SYSTEM$CANCEL_QUERY('01B2C3D4-0000-0000-0000-000000000001')");
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1))
                    .isEqualTo("query [01b2c3d4-0000-0000-0000-000000000001] terminated.");
        }
    }

    @Test
    void answersTheHeartbeatOfTheKeepAliveSnowparkTurnsOn() throws Exception {
        try (Connection keptAlive = connect("CLIENT_SESSION_KEEP_ALIVE", "true")) {
            assertThat(call(driverSession(keptAlive), "getEnableHeartbeat")).isEqualTo(true);

            // isValid sends the driver's heartbeat request, as its keep-alive does.
            assertThat(keptAlive.isValid(0)).isTrue();

            emulator.faults().expireSessionTokens();
            assertThat(keptAlive.isValid(0)).as("renewed the expired session token").isTrue();
            assertThat(rows(keptAlive, "select 1")).containsExactly(List.of("1"));

            emulator.faults().expireMasterTokens();
            assertThat(keptAlive.isValid(0)).as("a session that cannot be renewed").isFalse();
        }
    }

    @Test
    void refusesAHeartbeatForASessionThatIsGone() throws Exception {
        HttpResponse<String> answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + emulator.port()
                                                                + "/session/heartbeat"))
                                        .header("Authorization", "Snowflake Token=\"logged-out\"")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        // HTTP 200 as always: the driver reads the outcome from the body.
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.path("success").asBoolean()).isFalse();
        assertThat(body.path("code").asText()).isEqualTo("390111");
        assertThat(body.path("message").asText()).contains("Session no longer exists");
    }

    @Test
    void runsTheSqlOfSnowparkDataFrames() throws SQLException {
        assertThat(rows("select 1 as x")).containsExactly(List.of("1"));

        String filtered =
                " SELECT  *  FROM ( SELECT \"NAME\", \"AGE\" FROM ( SELECT  *  FROM ( SELECT  *  FROM"
                        + " (pets)) WHERE (\"AGE\" > 2 :: int))) ORDER BY \"AGE\" DESC NULLS LAST";
        try (PreparedStatement prepared = connection.prepareStatement(filtered)) {
            // Snowpark learns a DataFrame's schema from the prepared statement's metadata.
            ResultSetMetaData metaData = prepared.getMetaData();
            assertThat(metaData.getColumnName(1)).isEqualTo("NAME");
            assertThat(metaData.getColumnName(2)).isEqualTo("AGE");
        }
        assertThat(rows(filtered)).containsExactly(List.of("Rex", "5"), List.of("Kit", "3"));

        String count =
                " SELECT count(1) AS \"COUNT(LITERAL())\" FROM ( SELECT  *  FROM (pets)) LIMIT 1";
        try (PreparedStatement prepared = connection.prepareStatement(count);
                ResultSet result = prepared.executeQuery()) {
            assertThat(result.getMetaData().getColumnName(1)).isEqualTo("COUNT(LITERAL())");
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(3);
        }

        assertThat(rows(" SELECT  *  FROM ( SELECT  *  FROM (pets)) LIMIT 1")).hasSize(1);
    }

    private Connection connect(String... more) throws SQLException {
        List<String> properties = new ArrayList<>(List.of("db", "PETS", "schema", "PUBLIC"));
        properties.addAll(List.of(more));
        return Jdbc.connect(emulator, "emulator", "emulator", properties.toArray(String[]::new));
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return rows(connection, sql);
    }

    /** Runs a statement as Snowpark does, through a prepared statement, and reads its rows. */
    private static List<List<String>> rows(Connection on, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement statement = on.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * The driver's session object, which Snowpark reads parameters from. Found by name: its class
     * moved from {@code net.snowflake.client.core} to {@code ...internal.core} in driver 4, and
     * these tests run on both.
     */
    private static Object driverSession(Connection connection) throws Exception {
        return call(connection, "getSFBaseSession");
    }

    private static Object call(Object target, String method, String... arguments) throws Exception {
        Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, String.class);
        try {
            return target.getClass().getMethod(method, types).invoke(target, (Object[]) arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
