package io.connectionkit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The tool's own listings as aligned columns, nothing cut: class names and jar paths are read whole.
 * (A query's rows are drawn by {@link io.connectionkit.api.QueryResult#toTable}, which cuts long cells.)
 */
final class Tables {

    private Tables() {
    }

    /** {@code rows} under {@code header}, columns two spaces apart, trailing spaces trimmed. */
    static String of(List<String> header, List<? extends List<String>> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                row.append(column == 0 ? "" : "  ").append(line.get(column))
                        .append(" ".repeat(widths[column] - line.get(column).length()));
            }
            text.append(row.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
