package io.connectionkit.cli;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code query} prints rows and counts: an aligned table, CSV as RFC 4180 has it, JSON. */
class ResultFormatTest {

    private static final String NL = System.lineSeparator();

    private static String write(ResultFormat format, QueryResult rows) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            format.write(rows, out);
        }
        return text.toString();
    }

    private static String writeCount(ResultFormat format, long count) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            format.writeCount(count, out);
        }
        return text.toString();
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    // CSV

    @Test
    void csvHasAHeaderAndEndsEveryLineWithCrLf() {
        QueryResult rows = QueryResult.of(List.of(Column.of("name", String.class), Column.of("age", Long.class)),
                List.of(row("Rex", 7L), row("Tom", 3L)));

        assertThat(write(ResultFormat.CSV, rows)).isEqualTo("name,age\r\nRex,7\r\nTom,3\r\n");
    }

    @Test
    void csvQuotesAFieldWithACommaAQuoteOrALineBreakAndDoublesItsQuotes() {
        QueryResult rows = QueryResult.of(List.of(Column.of("note", String.class)), List.of(
                row("a, b"), row("say \"hi\""), row("two\nlines"), row("cr\rhere"), row("plain")));

        assertThat(write(ResultFormat.CSV, rows)).isEqualTo(
                "note\r\n\"a, b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\rhere\"\r\nplain\r\n");
    }

    @Test
    void csvQuotesAHeaderThatNeedsIt() {
        QueryResult rows = QueryResult.of(List.of(Column.of("a,b", String.class), Column.of("c", String.class)),
                List.of(row("x", "y")));

        assertThat(write(ResultFormat.CSV, rows)).isEqualTo("\"a,b\",c\r\nx,y\r\n");
    }

    @Test
    void csvWritesNullAsAnEmptyFieldBytesAsBase64AndDecimalsInFull() {
        QueryResult rows = QueryResult.of(List.of(Column.of("missing", String.class), Column.of("data", byte[].class),
                        Column.of("price", BigDecimal.class), Column.of("day", LocalDate.class)),
                List.of(row(null, "hi?".getBytes(StandardCharsets.UTF_8), new BigDecimal("1E+3"), LocalDate.of(2024, 2, 29)),
                        row(null, new byte[] {(byte) 0xff, 0, 1}, new BigDecimal("0.00000012"), null)));

        assertThat(write(ResultFormat.CSV, rows)).isEqualTo(
                "missing,data,price,day\r\n,aGk/,1000,2024-02-29\r\n,/wAB,0.00000012,\r\n");
    }

    @Test
    void csvOfNoRowsIsTheHeaderAlone() {
        QueryResult rows = QueryResult.empty(List.of(Column.of("a", String.class), Column.of("b", Long.class)));

        assertThat(write(ResultFormat.CSV, rows)).isEqualTo("a,b\r\n");
    }

    @Test
    void csvCountIsAOneColumnTable() {
        assertThat(writeCount(ResultFormat.CSV, 3)).isEqualTo("count\r\n3\r\n");
    }

    // JSON

    @Test
    void jsonIsAnArrayOfObjectsWithNumbersAndBooleansUnquoted() {
        QueryResult rows = QueryResult.of(List.of(Column.of("id", Long.class), Column.of("name", String.class),
                        Column.of("ok", Boolean.class), Column.of("price", BigDecimal.class),
                        Column.of("ratio", Double.class), Column.of("small", Integer.class)),
                List.of(row(1L, "Rex", true, new BigDecimal("1E+2"), 0.5, 7),
                        row(2L, "Tom", false, new BigDecimal("-3.25"), -1.0e20, -1)));

        assertThat(write(ResultFormat.JSON, rows)).isEqualTo("[\n"
                + "  {\"id\": 1, \"name\": \"Rex\", \"ok\": true, \"price\": 100, \"ratio\": 0.5, \"small\": 7},\n"
                + "  {\"id\": 2, \"name\": \"Tom\", \"ok\": false, \"price\": -3.25, \"ratio\": -1.0E20, \"small\": -1}\n"
                + "]" + NL);
    }

    @Test
    void jsonWritesNaNAndInfinityAsStringsAndNullAsNull() {
        QueryResult rows = QueryResult.of(List.of(Column.of("d", Double.class), Column.of("f", Float.class),
                        Column.of("n", String.class)),
                List.of(row(Double.NaN, Float.POSITIVE_INFINITY, null), row(Double.NEGATIVE_INFINITY, 1.5f, null)));

        assertThat(write(ResultFormat.JSON, rows)).isEqualTo("[\n"
                + "  {\"d\": \"NaN\", \"f\": \"Infinity\", \"n\": null},\n"
                + "  {\"d\": \"-Infinity\", \"f\": 1.5, \"n\": null}\n"
                + "]" + NL);
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharactersInValuesAndNames() {
        QueryResult rows = QueryResult.of(List.of(Column.of("say \"it\"", String.class)),
                List.of(row("a\"b\\c\nd\re\tf\u0001g\u001fh\u007fé")));

        assertThat(write(ResultFormat.JSON, rows)).isEqualTo("[\n"
                + "  {\"say \\\"it\\\"\": \"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\u007fé\"}\n"
                + "]" + NL);
    }

    @Test
    void jsonWritesBytesAsBase64AndDatesAsIsoStrings() {
        QueryResult rows = QueryResult.of(List.of(Column.of("data", byte[].class), Column.of("day", LocalDate.class)),
                List.of(row("hi?".getBytes(StandardCharsets.UTF_8), LocalDate.of(2024, 2, 29))));

        assertThat(write(ResultFormat.JSON, rows)).isEqualTo("[\n"
                + "  {\"data\": \"aGk/\", \"day\": \"2024-02-29\"}\n"
                + "]" + NL);
    }

    @Test
    void jsonOfNoRowsIsAnEmptyArray() {
        QueryResult rows = QueryResult.empty(List.of(Column.of("a", String.class)));

        assertThat(write(ResultFormat.JSON, rows)).isEqualTo("[]" + NL);
    }

    @Test
    void jsonCountIsAnObject() {
        assertThat(writeCount(ResultFormat.JSON, 3)).isEqualTo("{\"count\": 3}" + NL);
    }

    // TABLE

    @Test
    void tableIsAlignedAndEndsWithTheRowCount() {
        QueryResult rows = QueryResult.of(List.of(Column.of("name", String.class), Column.of("age", Long.class)),
                List.of(row("Rex", 7L), row("Polly", 12L)));

        assertThat(write(ResultFormat.TABLE, rows).lines()).containsExactly(
                "name  | age",
                "------+----",
                "Rex   |   7",
                "Polly |  12",
                "(2 rows)");
    }

    @Test
    void tableOfOneRowSaysOneRow() {
        QueryResult rows = QueryResult.of(List.of(Column.of("answer", Long.class)), List.of(row(42L)));

        assertThat(write(ResultFormat.TABLE, rows).lines()).last().isEqualTo("(1 row)");
    }

    @Test
    void tableOfNoRowsSaysSo() {
        QueryResult rows = QueryResult.empty(List.of(Column.of("answer", Long.class)));

        assertThat(write(ResultFormat.TABLE, rows).lines()).last().isEqualTo("(0 rows)");
    }

    @Test
    void tableCountSaysHowManyRowsChanged() {
        assertThat(writeCount(ResultFormat.TABLE, 1)).isEqualTo("1 row changed" + NL);
        assertThat(writeCount(ResultFormat.TABLE, 0)).isEqualTo("0 rows changed" + NL);
        assertThat(writeCount(ResultFormat.TABLE, 12)).isEqualTo("12 rows changed" + NL);
    }
}
