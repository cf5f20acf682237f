package io.connectionkit.spring;

import com.jayway.jsonpath.JsonPath;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.sql.SQLConnection;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole web application with actuator, on 127.0.0.1, as a user would run it: what
 * {@code /actuator/health}, {@code /actuator/connections}, {@code /actuator/info} and
 * {@code /actuator/metrics} answer, while the database runs, after it stops and once it is back.
 */
class ActuatorEndpointsTest {

    private static final String CANARY = "canary-5f1c9e7b2d";
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(700);

    @TempDir
    static Path dir;

    private static int databasePort;
    private static Server database;
    private static ConfigurableApplicationContext application;
    private static HttpClient http;
    private static String base;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        PetsClient petsClient(@ConnectionName("pets") ConnectionHandle<SQLConnection> pets) {
            return new PetsClient(pets);
        }
    }

    record PetsClient(ConnectionHandle<SQLConnection> pets) {
    }

    @BeforeAll
    static void start() throws Exception {
        databasePort = freePort();
        database = startDatabase();
        Path secrets = TestSecrets.write(dir.resolve("secrets.toml"), """
                [connections.orders]
                type = "sql"
                url = "jdbc:h2:tcp://127.0.0.1:%d/mem:orders;DB_CLOSE_DELAY=-1"
                username = "sa"
                password = "%s"
                create_engine_kwargs = { pool_size = 1, pool_timeout = 0.5 }

                """.formatted(databasePort, CANARY) + TestSecrets.sqlite("pets", dir.resolve("pets.db"))
                // no type: only code that asks for it would say; the password in its URL is a secret too
                + "\n[connections.reports]\nurl = \"postgresql://report:" + CANARY + "@127.0.0.1:1/reports\"\n");
        application = new SpringApplicationBuilder(Application.class).properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "spring.application.name=actuator-test",
                "connectionkit.secrets-files=" + secrets,
                "connectionkit.health.validation-timeout=1s",
                "management.endpoints.web.exposure.include=health,info,connections,metrics",
                "management.endpoint.health.show-details=always",
                "management.info.env.enabled=true",
                "management.info.java.enabled=true").run();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void healthShowsEachConfiguredConnectionWithItsTypeAndSource() {
        HttpResponse<String> response = get("/actuator/health/connections");
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<Map<String, Object>>read(body, "$.components")).containsOnlyKeys("orders", "pets", "reports");
        assertThat(JsonPath.<String>read(body, "$.components.orders.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.orders.details.type")).isEqualTo("sql");
        assertThat(JsonPath.<String>read(body, "$.components.orders.details.source")).endsWith("secrets.toml:1");
        assertThat(JsonPath.<String>read(body, "$.components.pets.details.source")).endsWith("secrets.toml:8");
        assertThat(JsonPath.<String>read(body, "$.components.reports.status")).as("no type to check it with")
                .isEqualTo("UNKNOWN");
        assertThat(JsonPath.<String>read(body, "$.components.reports.details.reason")).startsWith("no type in its table");
        assertThat(body).doesNotContain(CANARY);
    }

    /**
     * HikariCP checks a pooled connection before lending it only when it sat idle for half a second
     * or more: the health requests here come no faster, as a real probe would.
     */
    @Test
    void healthGoesDownWhenTheDatabaseStopsAndUpWhenItReturns() throws Exception {
        assertThat(get("/actuator/health/connections/orders").statusCode()).isEqualTo(200);
        database.stop();
        try {
            HttpResponse<String> down = await().pollDelay(PROBE_INTERVAL).pollInterval(PROBE_INTERVAL)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> get("/actuator/health/connections"), response -> response.statusCode() == 503);
            assertThat(JsonPath.<String>read(down.body(), "$.status")).isEqualTo("DOWN");
            assertThat(JsonPath.<String>read(down.body(), "$.components.orders.status")).isEqualTo("DOWN");
            assertThat(JsonPath.<String>read(down.body(), "$.components.orders.details.type")).isEqualTo("sql");
            assertThat(JsonPath.<String>read(down.body(), "$.components.orders.details.error"))
                    .as("the error's class and message, or that the database did not confirm a connection")
                    .matches("(java\\.sql|org\\.h2\\.jdbc)\\.\\w+Exception: .+|The database did not confirm .+");
            assertThat(JsonPath.<String>read(down.body(), "$.components.pets.status")).isEqualTo("UP");
            assertThat(down.body()).doesNotContain(CANARY);
            assertThat(get("/actuator/health").statusCode()).as("a connection down is the application down").isEqualTo(503);
        } finally {
            database = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(
                    ActuatorEndpointsTest::startDatabase, started -> true);
        }
        HttpResponse<String> up = await().pollDelay(PROBE_INTERVAL).pollInterval(PROBE_INTERVAL)
                .atMost(Duration.ofSeconds(10))
                .until(() -> get("/actuator/health/connections/orders"), response -> response.statusCode() == 200);
        assertThat(JsonPath.<String>read(up.body(), "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<Map<String, Object>>read(up.body(), "$.details")).containsOnlyKeys("type", "source");
    }

    @Test
    void theConnectionsEndpointListsTypesSourcesAndKeysWithSecretsMasked() {
        HttpResponse<String> response = get("/actuator/connections");
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(JsonPath.<String>read(body, "$.connections.orders.type")).isEqualTo("sql");
        assertThat(JsonPath.<String>read(body, "$.connections.orders.source")).endsWith("secrets.toml:1");
        assertThat(JsonPath.<Map<String, Object>>read(body, "$.connections.orders.config"))
                .containsKeys("type", "url", "username", "password", "create_engine_kwargs")
                .containsEntry("password", "****")
                .containsEntry("username", "sa");
        assertThat(JsonPath.<Number>read(body, "$.queryCache.maxBytes").longValue()).isPositive();
        assertThat(body).doesNotContain(CANARY);

        HttpResponse<String> one = get("/actuator/connections/pets");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(one.body(), "$.type")).isEqualTo("sql");
        assertThat(JsonPath.<Map<String, Object>>read(one.body(), "$.queryCache"))
                .containsKeys("bytes", "hits", "misses", "hitRate", "evictions").doesNotContainKey("maxBytes");
        assertThat(get("/actuator/connections/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void theConnectionsEndpointCountsEachConnectionsCachedQueries() {
        SQLConnection pets = application.getBean(PetsClient.class).pets().get();
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(1)));
        pets.query("select 1 as one", QueryOptions.ttl(Duration.ofMinutes(1)));
        String body = get("/actuator/connections/pets").body();
        assertThat(JsonPath.<Number>read(body, "$.queryCache.hits").longValue()).isPositive();
        assertThat(JsonPath.<Number>read(body, "$.queryCache.misses").longValue()).isPositive();
    }

    @Test
    void theMetricsEndpointShowsTheRegistrysMeters() {
        application.getBean(PetsClient.class).pets().get().query("select 2 as two", QueryOptions.ttl(Duration.ofMinutes(1)));
        assertThat(JsonPath.<List<String>>read(get("/actuator/metrics").body(), "$.names"))
                .contains("connectionkit.query.cache.max.size", "connectionkit.query.cache.misses",
                        "connectionkit.connections.created");
        HttpResponse<String> misses = get("/actuator/metrics/connectionkit.query.cache.misses?tag=connection:pets");
        assertThat(misses.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Number>read(misses.body(), "$.measurements[0].value").doubleValue()).isPositive();
    }

    @Test
    void noActuatorResponseShowsASecret() {
        List<String> paths = new ArrayList<>(List.of("/actuator", "/actuator/health", "/actuator/health/connections",
                "/actuator/health/connections/orders", "/actuator/connections", "/actuator/connections/orders",
                "/actuator/info", "/actuator/metrics"));
        String metrics = get("/actuator/metrics").body();
        for (String name : JsonPath.<List<String>>read(metrics, "$.names")) {
            if (name.startsWith("connectionkit.") || name.startsWith("hikaricp.")) {
                paths.add("/actuator/metrics/" + name);
            }
        }
        for (String path : paths) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(200, 503);
            assertThat(response.body()).as(path).isNotBlank().doesNotContain(CANARY);
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Server startDatabase() throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-ifNotExists").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
