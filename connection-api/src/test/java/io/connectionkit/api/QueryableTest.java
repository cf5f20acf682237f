package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryableTest {

    @Test
    void queryWithoutOptionsUsesTheDefaults() {
        List<QueryOptions> seen = new ArrayList<>();
        QueryResult answer = QueryResult.empty(List.of(Column.of("n", Long.class)));
        Queryable queryable = (sql, options) -> {
            seen.add(options);
            return answer;
        };

        assertThat(queryable.query("select 1 as n")).isSameAs(answer);
        assertThat(seen).containsExactly(QueryOptions.defaults());
    }
}
