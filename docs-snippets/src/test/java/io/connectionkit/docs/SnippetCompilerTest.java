package io.connectionkit.docs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetCompilerTest {

    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void aSnippetCompilesWithItsImportsAfterCommentsAndARecordDeclaredInIt() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                ```java
                // a comment first, as the README's first snippet has
                import io.connectionkit.api.QueryResult;
                import java.util.List;

                QueryResult result = QueryResult.empty(List.of());
                record Pet(String name) {}
                List<Pet> pets = result.as(Pet.class);
                ```
                """);

        assertThat(SnippetCompiler.errors(snippets, CLASS_PATH)).containsExactly(Map.entry(snippets.get(0), List.of()));
    }

    @Test
    void anErrorNamesTheMarkdownLineTheCompilersMessageAndTheLine() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                # Guide

                ```java
                import io.connectionkit.api.QueryResult;
                import java.util.List;

                QueryResult result = QueryResult.empty(List.of());
                int rows = result.rowCounts();
                ```
                """);

        assertThat(SnippetCompiler.errors(snippets, CLASS_PATH).get(snippets.get(0))).singleElement().asString()
                .startsWith("GUIDE.md:8: cannot find symbol")
                .contains("symbol:   method rowCounts()")
                .endsWith("    | int rows = result.rowCounts();");
    }

    @Test
    void aBraceLeftOpenIsReportedAtTheSnippet() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                ```java
                if (true) {
                ```
                """);

        assertThat(SnippetCompiler.errors(snippets, CLASS_PATH).get(snippets.get(0))).first().asString()
                .startsWith("GUIDE.md:1 (the method around the snippet: a brace or parenthesis left open?)");
    }

    @Test
    void eachSnippetGetsItsOwnErrorsAndImports() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                ```java
                import java.util.List;
                List<String> names = List.of("a");
                ```

                ```java
                List<String> names = List.of("a");
                ```
                """);

        Map<JavaSnippet, List<String>> errors = SnippetCompiler.errors(snippets, CLASS_PATH);

        assertThat(errors.get(snippets.get(0))).isEmpty();
        assertThat(errors.get(snippets.get(1))).isNotEmpty().allSatisfy(error -> assertThat(error)
                .startsWith("GUIDE.md:7: cannot find symbol").contains("List"));
    }
}
