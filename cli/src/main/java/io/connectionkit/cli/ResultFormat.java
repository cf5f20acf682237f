package io.connectionkit.cli;

import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.List;

/** How {@code connections query} prints: an aligned table for people, CSV or JSON for scripts. */
enum ResultFormat {

    /** Aligned columns, numbers to the right, every row, then the row count; cells cut to 40 characters. */
    TABLE {
        @Override
        void write(QueryResult rows, PrintWriter out) {
            out.println(rows.toTable(Integer.MAX_VALUE));
        }

        @Override
        void writeCount(long count, PrintWriter out) {
            out.println(count + (count == 1 ? " row" : " rows") + " changed");
        }
    },

    /** RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break; null empty. */
    CSV {
        @Override
        void write(QueryResult rows, PrintWriter out) {
            line(out, rows.columnNames().stream().map(name -> (Object) name).toList());
            for (int row = 0; row < rows.rowCount(); row++) {
                Object[] values = new Object[rows.columnCount()];
                for (int column = 0; column < values.length; column++) {
                    values[column] = rows.get(row, column);
                }
                line(out, java.util.Arrays.asList(values));
            }
        }

        @Override
        void writeCount(long count, PrintWriter out) {
            line(out, List.of("count"));
            line(out, List.of(count));
        }

        private void line(PrintWriter out, List<@Nullable Object> values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                Object value = values.get(i);
                String text = value == null ? "" : text(value);
                boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                        || text.indexOf('\r') >= 0;
                line.append(quote ? '"' + text.replace("\"", "\"\"") + '"' : text);
            }
            out.print(line.append("\r\n"));
        }
    },

    /** One JSON array of objects, a row a line, keys in column order; numbers and booleans as JSON's, the rest as strings. */
    JSON {
        @Override
        void write(QueryResult rows, PrintWriter out) {
            List<String> names = rows.columnNames();
            StringBuilder json = new StringBuilder("[");
            for (int row = 0; row < rows.rowCount(); row++) {
                json.append(row == 0 ? "\n  {" : ",\n  {");
                for (int column = 0; column < names.size(); column++) {
                    if (column > 0) {
                        json.append(", ");
                    }
                    string(json, names.get(column));
                    json.append(": ");
                    value(json, rows.get(row, column));
                }
                json.append('}');
            }
            out.println(json.append(rows.rowCount() == 0 ? "]" : "\n]"));
        }

        @Override
        void writeCount(long count, PrintWriter out) {
            out.println("{\"count\": " + count + "}");
        }

        private void value(StringBuilder json, @Nullable Object value) {
            if (value == null) {
                json.append("null");
            } else if (value instanceof Boolean
                    || value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                    || value instanceof BigInteger || value instanceof BigDecimal) {
                json.append(value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
            } else if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                if (Double.isFinite(number)) {
                    json.append(value);
                } else {
                    string(json, value.toString()); // JSON has no NaN or Infinity
                }
            } else {
                string(json, text(value));
            }
        }

        private void string(StringBuilder json, String text) {
            json.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
    };

    /** Prints the rows of a query. */
    abstract void write(QueryResult rows, PrintWriter out);

    /** Prints how many rows a statement that changes data changed. */
    abstract void writeCount(long count, PrintWriter out);

    /** A value as text: bytes in Base64, dates and times in ISO-8601, numbers in full. */
    static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.Date) {
            return value instanceof java.sql.Timestamp timestamp ? timestamp.toLocalDateTime().toString()
                    : value instanceof java.sql.Date date ? date.toLocalDate().toString() : value.toString();
        }
        return String.valueOf(value);
    }
}
