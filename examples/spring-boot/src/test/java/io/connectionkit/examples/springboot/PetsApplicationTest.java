package io.connectionkit.examples.springboot;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on a random port of 127.0.0.1, called over HTTP as a client would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1", "spring.main.banner-mode=off"})
class PetsApplicationTest {

    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    @Test
    void petsAnswersTheRowsAsJsonOldestFirst() {
        ResponseEntity<String> response = http.get().uri("/pets?minAge=3").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String body = response.getBody();
        assertThat(JsonPath.<List<String>>read(body, "$[*].name")).containsExactly("Polly", "Rex", "Tom");
        assertThat(JsonPath.<String>read(body, "$[0].species")).isEqualTo("parrot");
        assertThat(JsonPath.<Integer>read(body, "$[0].age")).isEqualTo(12);
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheQueryCache() {
        http.get().uri("/pets?minAge=5").retrieve().toBodilessEntity();
        String before = http.get().uri("/actuator/connections/pets").retrieve().body(String.class);
        String pets = http.get().uri("/pets?minAge=5").retrieve().body(String.class);
        String after = http.get().uri("/actuator/connections/pets").retrieve().body(String.class);

        assertThat(JsonPath.<List<String>>read(pets, "$[*].name")).containsExactly("Polly", "Rex");
        assertThat(JsonPath.<Integer>read(after, "$.queryCache.hits"))
                .isEqualTo(JsonPath.<Integer>read(before, "$.queryCache.hits") + 1);
        assertThat(JsonPath.<Integer>read(after, "$.queryCache.misses"))
                .isEqualTo(JsonPath.<Integer>read(before, "$.queryCache.misses"));
    }

    @Test
    void theConnectionsHealthIsUpWithTheConnectionsTypeAndSource() {
        ResponseEntity<String> response = http.get().uri("/actuator/health/connections").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String body = response.getBody();
        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.pets.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.pets.details.type")).isEqualTo("sql");
        assertThat(JsonPath.<String>read(body, "$.components.pets.details.source")).isEqualTo(".streamlit/secrets.toml:3");
    }
}
