package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API logs nothing itself: what it has to say goes to {@link ConnectionContext#warn}, which the
 * core logs through SLF4J. A {@code System.Logger} here would write to {@code java.util.logging},
 * which an application on SLF4J does not see unless it installs a bridge.
 */
class ApiLoggingTest {

    private static final List<String> LOGGING = List.of("System.Logger", "System.getLogger", "java.util.logging",
            "org.slf4j");

    @Test
    void noMainSourceOfTheApiUsesALogger() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).as("run from the module's directory, as Maven does").isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> java = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(java).hasSizeGreaterThan(10);
            for (Path file : java) {
                String text = Files.readString(file);
                assertThat(LOGGING).as(file.toString()).noneMatch(text::contains);
            }
        }
    }
}
