package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void ofLeavesTheSqlTypeUnknown() {
        Column column = Column.of("name", String.class);

        assertThat(column.name()).isEqualTo("name");
        assertThat(column.javaType()).isEqualTo(String.class);
        assertThat(column.sqlType()).isNull();
    }

    @Test
    void nameAndJavaTypeAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Column(null, String.class, "VARCHAR")).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> Column.of("name", null)).withMessage("javaType");
    }
}
