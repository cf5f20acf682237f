package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLConnection on the PostgreSQL server of this machine (127.0.0.1:5432), where one text may hold
 * several statements.
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
}
