package io.connectionkit.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Renders the first rows of a result as an aligned plain-text table. */
final class TextTable {

    private static final int MAX_WIDTH = 40;

    private TextTable() {
    }

    static String render(QueryResult result, int maxRows) {
        int shown = Math.min(maxRows, result.rowCount());
        int columns = result.columnCount();
        List<String[]> cells = new ArrayList<>(shown + 1);
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = cell(result.columns().get(c).name());
        }
        cells.add(header);
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            numeric[c] = Number.class.isAssignableFrom(result.columns().get(c).javaType());
        }
        for (int r = 0; r < shown; r++) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(result.get(r, c));
            }
            cells.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], width(line[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths, new boolean[columns]);
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (int r = 1; r < cells.size(); r++) {
            appendLine(out, cells.get(r), widths, numeric);
        }
        int total = result.rowCount();
        out.append('(').append(total).append(total == 1 ? " row" : " rows");
        if (shown < total) {
            out.append(", first ").append(shown).append(" shown");
        }
        return out.append(')').toString();
    }

    private static void appendLine(StringBuilder out, String[] line, int[] widths, boolean[] rightAligned) {
        for (int c = 0; c < line.length; c++) {
            if (c > 0) {
                out.append(" | ");
            }
            String padding = " ".repeat(widths[c] - width(line[c]));
            boolean last = c == line.length - 1;
            if (rightAligned[c]) {
                out.append(padding).append(line[c]);
            } else {
                out.append(line[c]).append(last ? "" : padding);
            }
        }
        out.append('\n');
    }

    private static String cell(Object value) {
        String text;
        if (value == null) {
            text = "null";
        } else if (value instanceof byte[] bytes) {
            text = "<" + bytes.length + " bytes>";
        } else if (value instanceof Object[] array) {
            text = Arrays.deepToString(array);
        } else if (value.getClass().isArray()) { // int[], double[], ...: a connector's own values
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                elements.add(java.lang.reflect.Array.get(value, i));
            }
            text = elements.toString();
        } else {
            text = value.toString();
        }
        return shortened(printable(text));
    }

    /**
     * Line breaks and tabs as spaces, and any other control character (an escape sequence in data
     * would steer the terminal that shows the table) as {@code ?}.
     */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c < 0xA0);
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(!control ? c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code text} cut to {@link #MAX_WIDTH} columns, between characters, never inside one. */
    private static String shortened(String text) {
        if (width(text) <= MAX_WIDTH) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            used += width(codePoint);
            if (used > MAX_WIDTH - 1) {
                break;
            }
            cut.appendCodePoint(codePoint);
            i += Character.charCount(codePoint);
        }
        return cut.append('…').toString();
    }

    /** The columns {@code text} takes in a terminal: wide characters two, combining marks none. */
    private static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += width(codePoint);
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private static int width(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /** East Asian wide and fullwidth characters and emoji, as terminals draw them. */
    private static boolean isWide(int c) {
        return c >= 0x1100 && c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60
                || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x1F300 && c <= 0x1F64F || c >= 0x1F900 && c <= 0x1F9FF
                || c >= 0x20000 && c <= 0x3FFFD;
    }
}
