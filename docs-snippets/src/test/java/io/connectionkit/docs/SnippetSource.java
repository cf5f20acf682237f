package io.connectionkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A snippet as a compilation unit: its {@code import} lines first, wherever the snippet has them,
 * then everything else as the body of a method that may throw anything. A record or class
 * declared in the snippet becomes a local one, which Java 17 allows. Each line of the unit knows
 * the Markdown line it came from.
 */
final class SnippetSource {

    private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*(//.*)?");

    private final JavaSnippet snippet;
    private final String className;
    private final List<String> lines = new ArrayList<>();
    /** For each line of the unit, the Markdown line it came from, or 0 for the wrapper's. */
    private final List<Integer> origins = new ArrayList<>();

    SnippetSource(JavaSnippet snippet) {
        this.snippet = snippet;
        this.className = "Snippet_" + (snippet.file() + "_" + snippet.fenceLine()).replaceAll("[^A-Za-z0-9]", "_");
        List<String> snippetLines = snippet.lines();
        for (int i = 0; i < snippetLines.size(); i++) {
            if (IMPORT.matcher(snippetLines.get(i)).matches()) {
                add(snippetLines.get(i), snippet.markdownLine(i));
            }
        }
        add("final class " + className + " {", 0);
        add("    void snippet() throws Exception {", 0);
        for (int i = 0; i < snippetLines.size(); i++) {
            String line = snippetLines.get(i);
            if (!IMPORT.matcher(line).matches()) {
                add(line, snippet.markdownLine(i));
            }
        }
        add("    }", 0);
        add("}", 0);
    }

    private void add(String line, int origin) {
        lines.add(line);
        origins.add(origin);
    }

    JavaSnippet snippet() {
        return snippet;
    }

    String className() {
        return className;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    /** The Markdown line of the unit's line {@code line} (from 1), or 0 when the wrapper wrote it. */
    int markdownLine(long line) {
        return line >= 1 && line <= origins.size() ? origins.get((int) line - 1) : 0;
    }

    /** The unit's line {@code line} (from 1), or empty. */
    String line(long line) {
        return line >= 1 && line <= lines.size() ? lines.get((int) line - 1) : "";
    }
}
