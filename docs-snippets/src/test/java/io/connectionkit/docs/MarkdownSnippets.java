package io.connectionkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code ```java} blocks of Markdown text, as CommonMark fences them. */
final class MarkdownSnippets {

    /** An opening or closing fence: its indentation, three or more backticks or tildes, the info string. */
    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})\\s*(.*)$");

    private MarkdownSnippets() {
    }

    /** The java blocks of {@code markdown}, named {@code name} in messages. */
    static List<JavaSnippet> of(String name, Path markdown) {
        try {
            return of(name, Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java blocks of {@code text}: those whose info string's first word is {@code java}. */
    static List<JavaSnippet> of(String name, String text) {
        List<JavaSnippet> snippets = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            List<String> info = Arrays.asList(open.group(3).trim().split("\\s+"));
            List<String> body = new ArrayList<>();
            int fenceLine = i + 1;
            for (i++; i < lines.length && !closes(lines[i], fence); i++) {
                body.add(unindent(lines[i], indent));
            }
            if (info.get(0).equals("java")) {
                snippets.add(new JavaSnippet(name, fenceLine, body, info.contains("excerpt")));
            }
        }
        return snippets;
    }

    /** A closing fence: the opening one's character, at least as many, nothing after but spaces. */
    private static boolean closes(String line, String fence) {
        Matcher close = FENCE.matcher(line);
        return close.matches() && close.group(2).charAt(0) == fence.charAt(0)
                && close.group(2).length() >= fence.length() && close.group(3).isBlank();
    }

    /** The line without up to {@code indent} leading spaces, as the fence was indented. */
    private static String unindent(String line, int indent) {
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
            strip++;
        }
        return line.substring(strip);
    }
}
