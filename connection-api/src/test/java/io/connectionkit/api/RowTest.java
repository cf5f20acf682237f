package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {

    private final QueryResult result = QueryResult.builder(List.of(Column.of("id", Long.class),
                    Column.of("name", String.class), Column.of("ID", String.class)))
            .addRow(1L, "Rex", "dup").build();

    @Test
    void readsValuesByIndexAndByName() {
        Row row = result.row(0);

        assertThat(row.index()).isZero();
        assertThat(row.get(1)).isEqualTo("Rex");
        assertThat(row.get("NAME")).isEqualTo("Rex");
        assertThat(row.get("id", Long.class)).isEqualTo(1L);
        assertThat(row.values()).containsExactly(1L, "Rex", "dup");
    }

    @Test
    void typedGetNamesTheColumnAndBothTypes() {
        assertThatThrownBy(() -> result.row(0).get("id", Integer.class)).isInstanceOf(ClassCastException.class)
                .hasMessage("Column 'id' holds a java.lang.Long, not a java.lang.Integer");
    }

    @Test
    void toMapKeepsTheFirstOfTwoColumnsWithOneNameLikeGetDoes() {
        Row row = result.row(0);

        assertThat(row.toMap()).containsExactly(entry("id", 1L),
                entry("name", "Rex"), entry("ID", "dup"));
        QueryResult same = QueryResult.builder(List.of(Column.of("id", Long.class), Column.of("id", Long.class)))
                .addRow(1L, 2L).build();
        assertThat(same.row(0).toMap()).containsExactly(entry("id", 1L));
        assertThat(same.row(0).get("id")).isEqualTo(1L);
    }

    @Test
    void toStringShowsIndexAndValues() {
        assertThat(result.row(0)).hasToString("Row0{id=1, name=Rex, ID=dup}");
    }
}
