package io.connectionkit.docs;

import java.util.List;

/**
 * A fenced {@code ```java} block of a Markdown file.
 *
 * @param file      the Markdown file, as written in a message: {@code README.md}, {@code docs/sql-connector.md}
 * @param fenceLine the line of the opening fence, from 1
 * @param lines     the block's lines, without the fences
 * @param excerpt   whether the fence says {@code ```java excerpt}: part of a file shown in full
 *                  elsewhere, which does not compile on its own and is not compiled
 */
record JavaSnippet(String file, int fenceLine, List<String> lines, boolean excerpt) {

    JavaSnippet {
        lines = List.copyOf(lines);
    }

    /** The Markdown line of the snippet's line {@code index} (from 0). */
    int markdownLine(int index) {
        return fenceLine + 1 + index;
    }

    /** {@code README.md:9}: where the block starts. */
    String location() {
        return file + ":" + fenceLine;
    }
}
