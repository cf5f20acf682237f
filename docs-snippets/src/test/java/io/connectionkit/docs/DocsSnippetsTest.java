package io.connectionkit.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the project's jars, as a
 * reader would paste it: its imports, then the rest inside a method. Only compiled, never run.
 * A block fenced {@code ```java excerpt} is part of a file shown in full elsewhere and is skipped.
 */
class DocsSnippetsTest {

    /** The repository's root, where README.md is; the build sets it. */
    private static final Path ROOT = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();

    @Test
    void theReadmeHasJavaSnippetsToCompile() {
        assertThat(MarkdownSnippets.of("README.md", ROOT.resolve("README.md")))
                .as("java blocks of %s", ROOT.resolve("README.md"))
                .filteredOn(snippet -> !snippet.excerpt())
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesAgainstTheProjectsJars() throws IOException {
        List<JavaSnippet> snippets = documents().stream()
                .flatMap(markdown -> MarkdownSnippets.of(ROOT.relativize(markdown).toString().replace('\\', '/'), markdown).stream())
                .filter(snippet -> !snippet.excerpt())
                .toList();
        Map<JavaSnippet, List<String>> errors = SnippetCompiler.errors(snippets, System.getProperty("java.class.path"));
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(snippet.location(), () ->
                assertThat(errors.get(snippet))
                        .withFailMessage("The java snippet at %s does not compile against the project's jars (its"
                                        + " imports are moved to the top, the rest is the body of a method):%n%s",
                                snippet.location(), String.join(System.lineSeparator(), errors.get(snippet)))
                        .isEmpty()));
    }

    /** README.md, then docs/*.md by name. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }
}
