package io.connectionkit.snowflake;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The statements a write sends, recorded instead of sent. */
class TableWriterTest {

    /** Records each statement and its number of parameter rows; the session is in PETS.PUBLIC. */
    private static final class Recorded implements TableWriter.Statements {
        final List<String> statements = new ArrayList<>();
        final List<Integer> rows = new ArrayList<>();

        @Override
        public int[] run(String sql, List<? extends Map<String, ?>> parameters) {
            statements.add(sql);
            rows.add(parameters.size());
            return new int[parameters.size()];
        }

        @Override
        public QueryResult query(String sql) {
            return QueryResult.of(List.of(Column.of("DB", String.class), Column.of("SCH", String.class)),
                    List.of(List.of("PETS", "PUBLIC")));
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void namesAreQuotedSoThatKeywordsAreColumnsAndPlainOnesStayUpperCase() {
        Recorded sent = new Recorded();

        TableWriter.of("orders", List.of(row("order", 1L, "Mixed Case", "x")), WriteOptions.defaults().autoCreateTable(true))
                .writeWith(sent);

        assertThat(sent.statements).containsExactly(
                "create table if not exists \"PETS\".\"PUBLIC\".\"ORDERS\" (\"ORDER\" number(38,0), \"Mixed Case\" varchar)",
                "insert into \"PETS\".\"PUBLIC\".\"ORDERS\" (\"ORDER\", \"Mixed Case\") values (:c0, :c1)");
    }

    @Test
    void theTableIsInTheOptionsDatabaseAndSchemaElseTheSessions() {
        Recorded sent = new Recorded();

        TableWriter.of("t", List.of(row("a", 1L)), WriteOptions.defaults().database("other").schema("s")).writeWith(sent);

        assertThat(sent.statements).singleElement().asString().startsWith("insert into \"OTHER\".\"S\".\"T\" ");
    }

    @Test
    void aColumnsTypeHoldsEveryValue() {
        Recorded sent = new Recorded();

        TableWriter.of("t", List.of(row("n", 1, "d", 1L, "f", 1L), row("n", 2L, "d", new BigDecimal("12345.678"), "f", 2.5)),
                WriteOptions.defaults().autoCreateTable(true).overwrite(true)).writeWith(sent);

        assertThat(sent.statements.get(0)).isEqualTo("create or replace table \"PETS\".\"PUBLIC\".\"T\""
                + " (\"N\" number(38,0), \"D\" number(38,3), \"F\" float)");
    }

    @Test
    void valuesNoTypeHoldsTogetherAreRefusedNamingTheColumn() {
        TableWriter writer = TableWriter.of("t", List.of(row("v", "text"), row("v", 2L)),
                WriteOptions.defaults().autoCreateTable(true));

        assertThatIllegalArgumentException().isThrownBy(() -> writer.writeWith(new Recorded()))
                .withMessageContaining("Column v holds both varchar and integer values");
    }

    @Test
    void rowsGoInChunksOfTheChunkSize() {
        Recorded sent = new Recorded();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(row("i", (long) i));
        }

        WriteResult result = TableWriter.of("t", rows, WriteOptions.defaults().chunkSize(10)).writeWith(sent);

        assertThat(result).isEqualTo(new WriteResult(true, 3, 25));
        assertThat(sent.rows).containsExactly(10, 10, 5);
    }

    @Test
    void noRowsStillEmptyTheTableWithOverwriteAndCreateItFromTypedColumns() {
        Recorded emptied = new Recorded();
        TableWriter.of("t", List.of(), WriteOptions.defaults().overwrite(true)).writeWith(emptied);
        Recorded created = new Recorded();
        TableWriter.of("t", QueryResult.empty(List.of(Column.of("ID", Long.class))),
                WriteOptions.defaults().autoCreateTable(true)).writeWith(created);
        Recorded nothing = new Recorded();
        TableWriter.of("t", List.of(), WriteOptions.defaults()).writeWith(nothing);

        assertThat(emptied.statements).containsExactly("delete from \"PETS\".\"PUBLIC\".\"T\"");
        assertThat(created.statements).containsExactly("create table if not exists \"PETS\".\"PUBLIC\".\"T\" (\"ID\" number(38,0))");
        assertThat(nothing.statements).isEmpty();
    }

    @Test
    void rowsOfDifferentColumnsAreRefusedNamingTheRow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TableWriter.of("t", List.of(row("a", 1L), row("b", 2L)), WriteOptions.defaults()))
                .withMessageContaining("row 1 has [b]");
    }
}
