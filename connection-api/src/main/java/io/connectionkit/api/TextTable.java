package io.connectionkit.api;

import java.util.ArrayList;
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
                widths[c] = Math.max(widths[c], line[c].length());
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
            String padding = " ".repeat(widths[c] - line[c].length());
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
        } else {
            text = value.toString().replace('\n', ' ').replace('\r', ' ');
        }
        return text.length() <= MAX_WIDTH ? text : text.substring(0, MAX_WIDTH - 1) + "…";
    }
}
