package io.connectionkit.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownSnippetsTest {

    @Test
    void findsTheJavaBlocksWithTheLineOfTheirOpeningFence() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                # Guide

                ```java
                int a = 1;
                ```

                ```toml
                a = 1
                ```

                ```
                plain
                ```

                ```java excerpt
                return a;
                ```
                """);

        assertThat(snippets).containsExactly(
                new JavaSnippet("GUIDE.md", 3, List.of("int a = 1;"), false),
                new JavaSnippet("GUIDE.md", 15, List.of("return a;"), true));
        assertThat(snippets.get(0).markdownLine(0)).isEqualTo(4);
        assertThat(snippets.get(0).location()).isEqualTo("GUIDE.md:3");
    }

    @Test
    void aBlockInAListItemLosesTheFencesIndentation() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                - an item:
                  ```java
                  if (true) {
                      int a = 1;
                  }
                  ```
                """);

        assertThat(snippets).singleElement().extracting(JavaSnippet::lines)
                .isEqualTo(List.of("if (true) {", "    int a = 1;", "}"));
    }

    @Test
    void aLongerFenceHoldsAShorterOne() {
        List<JavaSnippet> snippets = MarkdownSnippets.of("GUIDE.md", """
                ````java
                String fence = \"""
                        ```
                        \""";
                ````
                """);

        assertThat(snippets).singleElement().extracting(JavaSnippet::lines)
                .isEqualTo(List.of("String fence = \"\"\"", "        ```", "        \"\"\";"));
    }
}
