package io.connectionkit.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with one ConnectionKit connection, {@code pets}, configured in
 * {@code .streamlit/secrets.toml}: {@code GET /pets} answers from a cached query, and
 * {@code /actuator/health/connections} tells whether the database answers.
 */
@SpringBootApplication
public class PetsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PetsApplication.class, args);
    }
}
