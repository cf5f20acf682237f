package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.jdbc.SqlSyntax;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DialectSyntaxTest {

    @Test
    void eachKnownDialectHasItsDatabasesSyntax() {
        Map<String, SqlSyntax> expected = Map.of("postgresql", SqlSyntax.POSTGRESQL, "h2", SqlSyntax.STANDARD,
                "mssql", SqlSyntax.STANDARD, "duckdb", SqlSyntax.STANDARD, "sqlite", SqlSyntax.FLAT_COMMENTS,
                "mysql", SqlSyntax.MYSQL, "mariadb", SqlSyntax.MYSQL);

        assertThat(Arrays.stream(Dialect.values()).map(Dialect::dialectName))
                .as("a dialect added needs a decision here").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((dialect, syntax) -> assertThat(SqlSyntax.of(dialect)).as(dialect).isEqualTo(syntax));
    }

    @Test
    void aJdbcUrlOfAnUnknownDatabaseGetsStandardLiteralsAndFlatComments() {
        String dialect = SqlUrl.parse("jdbc:oracle:thin:@//h:1521/s", Map.of(),
                ConnectionConfig.empty("connections.t")::isSensitive).dialect();

        assertThat(dialect).isEqualTo("oracle");
        assertThat(SqlSyntax.of(dialect)).isEqualTo(SqlSyntax.FLAT_COMMENTS);
    }
}
