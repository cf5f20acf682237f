package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownConnectionTypeExceptionTest {

    @Test
    void keepsTheTypeAskedForAndAnImmutableCopyOfTheAvailableOnes() {
        List<String> available = new ArrayList<>(List.of("sql", "snowflake"));

        UnknownConnectionTypeException e = new UnknownConnectionTypeException(
                "Unknown connection type 'sqll'; available: [sql, snowflake]", "sqll", available);
        available.add("snowpark");

        assertThat(e).isInstanceOf(ConnectionException.class).hasMessageContaining("available: [sql, snowflake]");
        assertThat(e.type()).isEqualTo("sqll");
        assertThat(e.availableTypes()).containsExactly("sql", "snowflake");
        assertThatThrownBy(() -> e.availableTypes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
