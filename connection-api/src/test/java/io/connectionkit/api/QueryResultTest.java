package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryResultTest {

    private static final List<Column> PET_COLUMNS = List.of(
            new Column("id", Long.class, "BIGINT"),
            new Column("name", String.class, "VARCHAR"),
            new Column("age", Integer.class, "INTEGER"));

    private static QueryResult pets() {
        return QueryResult.builder(PET_COLUMNS)
                .addRow(1L, "Rex", 3)
                .addRow(12L, "Mittens", null)
                .build();
    }

    @Test
    void columnsHaveNameJavaTypeAndSqlType() {
        QueryResult result = pets();

        assertThat(result.columns()).containsExactlyElementsOf(PET_COLUMNS);
        assertThat(result.columns().get(1).javaType()).isEqualTo(String.class);
        assertThat(result.columns().get(1).sqlType()).isEqualTo("VARCHAR");
        assertThat(result.columnNames()).containsExactly("id", "name", "age");
        assertThat(result.columnCount()).isEqualTo(3);
        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.isEmpty()).isFalse();
    }

    @Test
    void valuesByRowIndexAndColumnIndexOrName() {
        QueryResult result = pets();

        assertThat(result.get(0, 1)).isEqualTo("Rex");
        assertThat(result.get(1, "name")).isEqualTo("Mittens");
        assertThat(result.get(1, "age")).isNull();
        assertThatThrownBy(() -> result.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> result.get(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> result.row(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void columnNameMatchesExactlyFirstThenIgnoringCase() {
        QueryResult result = QueryResult.builder(List.of(Column.of("name", String.class), Column.of("NAME", String.class)))
                .addRow("lower", "upper").build();

        assertThat(result.get(0, "name")).isEqualTo("lower");
        assertThat(result.get(0, "NAME")).isEqualTo("upper");
        assertThat(result.get(0, "Name")).as("no exact match: the first ignoring case").isEqualTo("lower");
        assertThat(result.columnIndex("NAME")).isEqualTo(1);
    }

    @Test
    void unknownColumnNamesTheColumns() {
        assertThatIllegalArgumentException().isThrownBy(() -> pets().get(0, "owner"))
                .withMessage("No column 'owner'; the columns are [id, name, age]");
    }

    @Test
    void streamIteratorAndRowsWalkTheRowsInOrder() {
        QueryResult result = pets();

        assertThat(result.stream().map(row -> row.get("name"))).containsExactly("Rex", "Mittens");
        List<Object> ids = new ArrayList<>();
        for (Row row : result) {
            ids.add(row.get(0));
        }
        assertThat(ids).containsExactly(1L, 12L);
        assertThat(result.row(1).index()).isEqualTo(1);
    }

    @Test
    void toMapsGivesImmutableMapsInColumnOrder() {
        List<Map<String, Object>> maps = pets().toMaps();

        assertThat(maps).hasSize(2);
        assertThat(maps.get(0).keySet()).containsExactly("id", "name", "age");
        assertThat(maps.get(0)).containsEntry("name", "Rex").containsEntry("age", 3);
        assertThat(maps.get(1)).containsEntry("age", null);
        assertThatThrownBy(() -> maps.get(0).put("name", "Max")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> maps.add(Map.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theResultCannotBeChangedThroughWhatItHandsOut() {
        QueryResult result = pets();

        assertThatThrownBy(() -> result.columns().add(Column.of("x", Object.class)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.row(0).values().set(1, "Max")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(result.get(0, "name")).isEqualTo("Rex");
    }

    @Test
    void builderCopiesEachRow() {
        Object[] row = {1L, "Rex", 3};
        QueryResult.Builder builder = QueryResult.builder(PET_COLUMNS).addRow(row);
        row[1] = "Max";

        assertThat(builder.build().get(0, "name")).isEqualTo("Rex");
    }

    @Test
    void builderRejectsARowOfTheWrongLength() {
        QueryResult.Builder builder = QueryResult.builder(PET_COLUMNS).addRow(1L, "Rex", 3);

        assertThatIllegalArgumentException().isThrownBy(() -> builder.addRow(2L, "Max"))
                .withMessage("Row 1 has 2 values but there are 3 columns");
        assertThatIllegalArgumentException().isThrownBy(() -> QueryResult.of(PET_COLUMNS, List.of(List.of(1L))))
                .withMessage("Row 0 has 1 values but there are 3 columns");
    }

    @Test
    void builderCannotBeReusedAfterBuild() {
        QueryResult.Builder builder = QueryResult.builder(PET_COLUMNS).addRow(1L, "Rex", 3);
        QueryResult built = builder.build();

        assertThatIllegalStateException().isThrownBy(() -> builder.addRow(2L, "Max", 1))
                .withMessage("build() was already called");
        assertThatIllegalStateException().isThrownBy(builder::build);
        assertThat(built.rowCount()).isEqualTo(1);
    }

    @Test
    void ofAndEmptyBuildTheSameResultsAsTheBuilder() {
        assertThat(QueryResult.of(PET_COLUMNS, List.of(List.of(1L, "Rex", 3), Arrays.asList(12L, "Mittens", null))))
                .isEqualTo(pets());
        QueryResult empty = QueryResult.empty(PET_COLUMNS);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.columnNames()).containsExactly("id", "name", "age");
        assertThat(empty.toMaps()).isEmpty();
    }

    @Test
    void equalAndSameHashCodeByContent() {
        QueryResult bytes = QueryResult.builder(List.of(Column.of("data", byte[].class))).addRow((Object) new byte[] {1, 2}).build();
        QueryResult sameBytes = QueryResult.builder(List.of(Column.of("data", byte[].class))).addRow((Object) new byte[] {1, 2}).build();

        assertThat(pets()).isEqualTo(pets()).hasSameHashCodeAs(pets());
        assertThat(bytes).isEqualTo(sameBytes).hasSameHashCodeAs(sameBytes);
        assertThat(pets()).isNotEqualTo(QueryResult.builder(PET_COLUMNS).addRow(1L, "Rex", 3).build());
        assertThat(pets()).isNotEqualTo(QueryResult.builder(PET_COLUMNS).addRow(1L, "Rex", 3).addRow(12L, "Mittens", 1).build());
        assertThat(QueryResult.empty(PET_COLUMNS)).isNotEqualTo(QueryResult.empty(PET_COLUMNS.subList(0, 2)));
    }

    @Test
    void manyRowsKeepTheirOrderAndValues() {
        QueryResult.Builder builder = QueryResult.builder(PET_COLUMNS);
        for (long id = 0; id < 1_000; id++) {
            builder.addRow(id, "pet-" + id, (int) (id % 20));
        }
        QueryResult many = builder.build();

        assertThat(many.rowCount()).isEqualTo(1_000);
        assertThat(many.get(999, "name")).isEqualTo("pet-999");
        assertThat(many.row(500).values()).containsExactly(500L, "pet-500", 0);
        assertThat(many.stream().map(row -> row.get("id"))).hasSize(1_000).startsWith(0L, 1L).endsWith(999L);
        assertThatThrownBy(() -> many.get(1_000, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rowsWithoutColumnsAreCounted() {
        QueryResult noColumns = QueryResult.builder(List.of()).addRow().addRow().build();

        assertThat(noColumns.rowCount()).isEqualTo(2);
        assertThat(noColumns.row(1).values()).isEmpty();
        assertThat(noColumns).isNotEqualTo(QueryResult.builder(List.of()).addRow().build());
    }

    @Test
    void estimatedBytesGrowWithContent() {
        QueryResult empty = QueryResult.empty(PET_COLUMNS);
        QueryResult small = pets();
        QueryResult.Builder builder = QueryResult.builder(PET_COLUMNS);
        for (long i = 0; i < 1000; i++) {
            builder.addRow(i, "pet number " + i, (int) i);
        }
        QueryResult large = builder.build();
        QueryResult longText = QueryResult.builder(PET_COLUMNS).addRow(1L, "x".repeat(10_000), 3).build();

        assertThat(empty.estimatedBytes()).isPositive();
        assertThat(small.estimatedBytes()).isGreaterThan(empty.estimatedBytes());
        assertThat(large.estimatedBytes()).isGreaterThan(1000 * 50L);
        assertThat(longText.estimatedBytes()).isGreaterThan(10_000L);
    }

    @Test
    void rowsAddedFromOneArrayFollowTheRowsAddedBefore() {
        Object[] read = {2L, "Mittens", 3L, "Tom", "left over from a bigger array"};
        QueryResult.Builder builder = QueryResult.builder(List.of(Column.of("id", Long.class), Column.of("name", String.class)))
                .addRow(1L, "Rex").addRows(read, 2);
        read[1] = "changed after";

        QueryResult result = builder.build();

        assertThat(result.stream().map(row -> row.values())).containsExactly(List.of(1L, "Rex"), List.of(2L, "Mittens"),
                List.of(3L, "Tom"));
        assertThatThrownBy(() -> QueryResult.builder(List.of(Column.of("id", Long.class))).addRows(new Object[1], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 rows of 1 values do not fit in 1 values");
        assertThatThrownBy(() -> builder.addRows(read, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringPrintsAnAlignedTableWithTheRowCount() {
        assertThat(pets().toString()).isEqualTo(String.join("\n",
                "id | name    | age",
                "---+---------+-----",
                " 1 | Rex     |    3",
                "12 | Mittens | null",
                "(2 rows)"));
    }

    @Test
    void toStringShowsTheFirstRowsOnly() {
        QueryResult.Builder builder = QueryResult.builder(List.of(Column.of("n", Integer.class)));
        for (int i = 0; i < 25; i++) {
            builder.addRow(i);
        }

        String text = builder.build().toString();

        assertThat(text.lines()).hasSize(2 + 20 + 1).contains("19").doesNotContain("20");
        assertThat(text).endsWith("(25 rows, first 20 shown)");
    }

    @Test
    void toTableShowsAsManyRowsAsAsked() {
        QueryResult.Builder builder = QueryResult.builder(List.of(Column.of("n", Integer.class)));
        for (int i = 0; i < 25; i++) {
            builder.addRow(i);
        }
        QueryResult result = builder.build();

        assertThat(result.toTable(25).lines()).hasSize(2 + 25 + 1).contains("24");
        assertThat(result.toTable(25)).endsWith("(25 rows)");
        assertThat(result.toTable(0)).isEqualTo("n\n-\n(25 rows, first 0 shown)");
        assertThatThrownBy(() -> result.toTable(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShortensLongCellsAndFlattensLineBreaks() {
        QueryResult result = QueryResult.builder(List.of(Column.of("note", String.class), Column.of("blob", byte[].class)))
                .addRow("line one\nline two " + "x".repeat(60), new byte[3]).build();

        List<String> lines = result.toString().lines().toList();

        assertThat(lines.get(2)).startsWith("line one line two xxx").contains("… | <3 bytes>");
        assertThat(lines.get(2).indexOf(" | ")).isEqualTo(40);
        assertThat(lines.get(3)).isEqualTo("(1 row)");
    }

    @Test
    void toStringShowsControlCharactersAsQuestionMarksSoNoneReachesTheTerminal() {
        QueryResult result = QueryResult.builder(List.of(Column.of("note", String.class)))
                .addRow("red \u001b[31mtext\u0007 \u009b").build();

        assertThat(result.toString().lines().toList().get(2)).isEqualTo("red ?[31mtext? ?");
        assertThat(result.toString()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
    }

    @Test
    void toStringAlignsWideCharactersAndNeverCutsOneInHalf() {
        QueryResult result = QueryResult.builder(List.of(Column.of("name", String.class), Column.of("n", Long.class)))
                .addRow("日本語の名前", 1L).addRow("Rex", 2L).addRow("😀".repeat(25), 3L).build();

        List<String> lines = result.toString().lines().toList();

        // 19 emoji and the ellipsis: 39 columns, the widest cell
        assertThat(lines.get(0)).isEqualTo("name" + " ".repeat(35) + " | n");
        assertThat(lines.get(2)).isEqualTo("日本語の名前" + " ".repeat(27) + " | 1");
        assertThat(lines.get(3)).isEqualTo("Rex" + " ".repeat(36) + " | 2");
        assertThat(lines.get(4)).isEqualTo("😀".repeat(19) + "… | 3");
    }

    @Test
    void toStringShowsTheElementsOfArrays() {
        QueryResult result = QueryResult.builder(List.of(Column.of("tags", Object.class), Column.of("ns", Object.class)))
                .addRow(new Object[] {new String[] {"a", "b"}, new int[] {1, 2}}).build();

        assertThat(result.toString().lines().toList().get(2)).isEqualTo("[a, b] | [1, 2]");
    }

    @Test
    void valuesOfOtherTypesAreKeptAsGiven() {
        QueryResult result = QueryResult.builder(List.of(new Column("born", LocalDate.class, "DATE")))
                .addRow(LocalDate.of(2020, 5, 17)).build();

        assertThat(result.row(0).get("born", LocalDate.class)).isEqualTo(LocalDate.of(2020, 5, 17));
    }
}
