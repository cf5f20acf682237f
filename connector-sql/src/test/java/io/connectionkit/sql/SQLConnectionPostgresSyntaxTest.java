package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLConnection on the PostgreSQL server of this machine (127.0.0.1:5432), where one text may hold
 * several statements and {@code ?} is also an operator.
 */
@Tag("db")
class SQLConnectionPostgresSyntaxTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private SQLConnection pg;
    private String table;

    @BeforeEach
    void setUp() {
        table = "ck_syntax_" + ThreadLocalRandom.current().nextInt(1_000_000);
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml("""
                [connections.pg]
                type = "sql"
                url = "postgresql://postgres@127.0.0.1:5432/test"
                retry_wait = 0
                """).build();
        pg = registry.get("pg", SQLConnection.class);
        pg.execute("create table " + table + " (id int)");
    }

    @AfterEach
    void tearDown() {
        try {
            pg.execute("drop table if exists " + table);
        } finally {
            registry.close();
        }
    }

    private boolean tableExists() {
        return (Boolean) pg.query("select to_regclass(:name) is not null as found",
                QueryOptions.noCache().param("name", table)).get(0, "found");
    }

    @Test
    void aDropAfterASelectWithAParameterIsRefusedAndTheTableStays() {
        assertThatThrownBy(() -> pg.query("select :v as v; drop table " + table, QueryOptions.noCache().param("v", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it was not run");

        assertThat(tableExists()).isTrue();
    }

    @Test
    void theQuestionMarkOperatorWorksBesideNamedParameters() {
        assertThat(pg.query("select '{\"a\":1}'::jsonb ? :key as has", QueryOptions.noCache().param("key", "a"))
                .get(0, "has")).isEqualTo(true);
        assertThat(pg.query("select '{\"a\":1}'::jsonb ? :key as has", QueryOptions.noCache().param("key", "b"))
                .get(0, "has")).isEqualTo(false);
    }

    @Test
    void theAnyAndAllKeyOperatorsTakeAListAsATextArray() {
        String sql = "select '{\"a\":1, \"b\":2}'::jsonb ?| :keys as any_key, '{\"a\":1, \"b\":2}'::jsonb ?& :keys"
                + " as all_keys, '{\"a\":1}'::jsonb ?& array['a', :other] as literal_array";

        var result = pg.query(sql, QueryOptions.noCache().param("keys", List.of("a", "c")).param("other", "b"));

        assertThat(result.row(0).toMap()).containsEntry("any_key", true).containsEntry("all_keys", false)
                .containsEntry("literal_array", false);
    }

    @Test
    void aQuestionMarkInQuotesOrCommentsStaysText() {
        var result = pg.query("select '?' as q, :p as p -- is it?\n", QueryOptions.noCache().param("p", 7));

        assertThat(result.row(0).toMap()).containsEntry("q", "?").containsEntry("p", 7L);
    }

    @Test
    void positionalArgumentsStillBindQuestionMarks() {
        assertThat(pg.query("select ?::int + 1 as n", QueryOptions.noCache().args(41)).get(0, "n")).isEqualTo(42L);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pg.query("select ?::int + :n as n", QueryOptions.noCache().args(41)))
                .withMessageStartingWith("The statement mixes named parameters [:n] and ? placeholders (1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> pg.query("select 1 + :n as n", QueryOptions.noCache().args(41)))
                .withMessageContaining("positional argument given but the statement has named parameters [:n]");
    }
}
