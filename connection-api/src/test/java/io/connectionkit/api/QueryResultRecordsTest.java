package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link QueryResult#as(Class)}: rows as records. */
class QueryResultRecordsTest {

    record Pet(long id, String ownerName, Integer age) {
    }

    record Ints(int value) {
    }

    record Doubles(double value) {
    }

    record Floats(float value) {
    }

    record Longs(Long value) {
    }

    record Decimals(BigDecimal value) {
    }

    record Adult(String name, int age) {
        Adult {
            if (age < 18) {
                throw new IllegalArgumentException("age must be at least 18, was " + age);
            }
        }
    }

    enum Kind { DOG, CAT }

    record Visit(boolean vaccinated, java.time.LocalDate day, java.time.LocalDateTime seen, java.time.Instant at) {
    }

    record Tagged(Kind kind, char grade) {
    }

    private static QueryResult single(Object value) {
        return QueryResult.builder(List.of(Column.of("value", Object.class))).addRow(value).build();
    }

    @Test
    void mapsColumnsToComponentsByNameIgnoringCaseAndUnderscores() {
        QueryResult result = QueryResult.builder(List.of(Column.of("AGE", Integer.class), Column.of("ID", Long.class),
                        Column.of("owner_name", String.class), Column.of("extra", String.class)))
                .addRow(3, 1L, "Ada", "ignored")
                .addRow(null, 2L, "Bob", "ignored")
                .build();

        assertThat(result.as(Pet.class)).containsExactly(new Pet(1, "Ada", 3), new Pet(2, "Bob", null));
    }

    @Test
    void theMapperOfARecordClassIsBuiltOnceAndServesResultsOfAnyColumnOrder() {
        QueryResult idFirst = QueryResult.builder(List.of(Column.of("id", Long.class), Column.of("owner_name", String.class),
                Column.of("age", Integer.class))).addRow(1L, "Ada", 3).build();
        QueryResult ageFirst = QueryResult.builder(List.of(Column.of("age", Integer.class), Column.of("extra", String.class),
                Column.of("ownerName", String.class), Column.of("ID", Long.class))).addRow(4, "x", "Bob", 2L).build();

        RecordMapper<Pet> first = RecordMapper.of(Pet.class);
        assertThat(idFirst.as(Pet.class)).containsExactly(new Pet(1, "Ada", 3));
        assertThat(ageFirst.as(Pet.class)).containsExactly(new Pet(2, "Bob", 4));

        assertThat(RecordMapper.of(Pet.class)).isSameAs(first);
        assertThat(RecordMapper.of(Ints.class)).isNotSameAs(first);
    }

    @Test
    void missingColumnIsNamed() {
        QueryResult result = QueryResult.empty(List.of(Column.of("id", Long.class), Column.of("owner", String.class)));

        assertThatIllegalArgumentException().isThrownBy(() -> result.as(Pet.class))
                .withMessage("Cannot map rows to Pet: no column for record component 'ownerName'"
                        + " (matched ignoring case and underscores); the columns are [id, owner]");
    }

    @Test
    void mismatchedTypeNamesColumnRowAndComponent() {
        QueryResult result = QueryResult.builder(List.of(Column.of("id", String.class), Column.of("owner_name", String.class),
                Column.of("age", Integer.class))).addRow("abc", "Ada", 3).build();

        assertThatIllegalArgumentException().isThrownBy(() -> result.as(Pet.class))
                .withMessage("Cannot map row 0 to Pet: column 'id' holds String abc,"
                        + " which does not fit component 'id' of type long");
    }

    @Test
    void nullIntoAPrimitiveIsAMismatch() {
        assertThatIllegalArgumentException().isThrownBy(() -> single(null).as(Ints.class))
                .withMessage("Cannot map row 0 to Ints: column 'value' holds NULL,"
                        + " which does not fit component 'value' of type int");
    }

    @Test
    void numbersWidenAndNarrowWhenTheValueFitsExactly() {
        assertThat(single(7).as(Longs.class)).containsExactly(new Longs(7L));
        assertThat(single(7L).as(Ints.class)).containsExactly(new Ints(7));
        assertThat(single(new BigDecimal("7.00")).as(Ints.class)).containsExactly(new Ints(7));
        assertThat(single(7.0).as(Ints.class)).containsExactly(new Ints(7));
        assertThat(single(BigInteger.TEN).as(Longs.class)).containsExactly(new Longs(10L));
        assertThat(single(7L).as(Doubles.class)).containsExactly(new Doubles(7.0));
        assertThat(single(new BigDecimal("0.1")).as(Doubles.class)).containsExactly(new Doubles(0.1));
        assertThat(single(0.5).as(Floats.class)).containsExactly(new Floats(0.5f));
        assertThat(single(0.1f).as(Doubles.class)).containsExactly(new Doubles(0.1f));
        assertThat(single(3).as(Decimals.class)).containsExactly(new Decimals(new BigDecimal(3)));
        assertThat(single(Double.NaN).as(Floats.class)).containsExactly(new Floats(Float.NaN));
        assertThat(single(Float.NEGATIVE_INFINITY).as(Doubles.class)).containsExactly(new Doubles(Double.NEGATIVE_INFINITY));
    }

    @Test
    void numbersThatDoNotFitExactlyAreMismatches() {
        assertThatIllegalArgumentException().isThrownBy(() -> single(3_000_000_000L).as(Ints.class))
                .withMessageContaining("holds Long 3000000000, which does not fit component 'value' of type int");
        assertThatIllegalArgumentException().isThrownBy(() -> single(new BigDecimal("7.5")).as(Ints.class))
                .withMessageContaining("holds BigDecimal 7.5");
        assertThatIllegalArgumentException().isThrownBy(() -> single((1L << 53) + 1).as(Doubles.class))
                .withMessageContaining("holds Long 9007199254740993, which does not fit component 'value' of type double");
        assertThatIllegalArgumentException().isThrownBy(() -> single(0.1 + 0.2).as(Floats.class))
                .withMessageContaining("of type float");
        assertThatIllegalArgumentException().isThrownBy(() -> single(Double.POSITIVE_INFINITY).as(Longs.class))
                .withMessageContaining("holds Double Infinity");
    }

    @Test
    void enumsAndCharactersAreReadFromStrings() {
        QueryResult result = QueryResult.builder(List.of(Column.of("kind", String.class), Column.of("grade", String.class)))
                .addRow("dog", "A").build();

        assertThat(result.as(Tagged.class)).containsExactly(new Tagged(Kind.DOG, 'A'));
        QueryResult unknown = QueryResult.builder(List.of(Column.of("kind", String.class), Column.of("grade", String.class)))
                .addRow("cow", "A").build();
        assertThatIllegalArgumentException().isThrownBy(() -> unknown.as(Tagged.class)).withMessageContaining("String cow");
    }

    @Test
    void sqlitesNumbersForBooleansAndIsoTextForTimesFillTheirComponents() {
        List<Column> columns = List.of(Column.of("vaccinated", Long.class), Column.of("day", String.class),
                Column.of("seen", String.class), Column.of("at", String.class));
        QueryResult result = QueryResult.builder(columns)
                .addRow(1L, "2024-01-02", "2024-01-02 03:04:05", "2024-01-02 03:04:05+02:00")
                .addRow(0L, "2024-02-29", "2024-02-29T10:00", "2024-02-29T10:00:00Z").build();

        assertThat(result.as(Visit.class)).containsExactly(
                new Visit(true, java.time.LocalDate.of(2024, 1, 2), java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                        java.time.Instant.parse("2024-01-02T01:04:05Z")),
                new Visit(false, java.time.LocalDate.of(2024, 2, 29), java.time.LocalDateTime.of(2024, 2, 29, 10, 0),
                        java.time.Instant.parse("2024-02-29T10:00:00Z")));
        QueryResult two = QueryResult.builder(columns).addRow(2L, "2024-01-02", "2024-01-02", "x").build();
        assertThatIllegalArgumentException().isThrownBy(() -> two.as(Visit.class)).withMessageContaining("'vaccinated'");
        QueryResult notADate = QueryResult.builder(columns).addRow(1L, "yesterday", "2024-01-02 03:04", "x").build();
        assertThatIllegalArgumentException().isThrownBy(() -> notADate.as(Visit.class)).withMessageContaining("'day'")
                .withMessageContaining("String yesterday");
    }

    @Test
    void aConstructorThatRejectsARowIsReportedWithTheRow() {
        QueryResult result = QueryResult.builder(List.of(Column.of("name", String.class), Column.of("age", Integer.class)))
                .addRow("Ada", 30).addRow("Bob", 9).build();

        assertThatIllegalArgumentException().isThrownBy(() -> result.as(Adult.class))
                .withMessage("The constructor of Adult rejected row 1: age must be at least 18, was 9")
                .withCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMappedListIsImmutable() {
        List<Ints> mapped = single(1).as(Ints.class);

        assertThatThrownBy(() -> mapped.add(new Ints(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
