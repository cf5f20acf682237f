package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** query() and stream() on H2 refuse, before anything runs, a text in which any statement writes without rows. */
class SQLConnectionWriteGuardTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private SQLConnection db;

    @BeforeEach
    void setUp(TestInfo info) {
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir)
                .secretsToml("[connections.pets]\ntype = \"sql\"\nurl = \"h2:mem:" + info.getTestMethod().orElseThrow()
                        .getName() + "\"\nretry_wait = 0\n").build();
        db = registry.get("pets", SQLConnection.class);
        db.execute("create table pets (id bigint primary key, name varchar(40))");
        db.execute("insert into pets values (1, 'Rex')");
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private long pets() {
        return (Long) db.query("select count(*) as n from pets", QueryOptions.noCache()).get(0, "n");
    }

    @Test
    void aDropAfterASelectIsRefusedAndTheTableStays() {
        assertThatThrownBy(() -> db.query("select 1 as v; drop table pets", QueryOptions.noCache()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it was not run");

        assertThat(pets()).isEqualTo(1);
    }

    @Test
    void anInsertAfterASelectIsRefusedEvenWithATtlSoNothingIsWrittenNorCached() {
        String sql = "select 1 as v; insert into pets values (2, 'Tom')";

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> db.query(sql, QueryOptions.ttl(Duration.ofMinutes(5))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(pets()).isEqualTo(1);
    }

    @Test
    void anInsertBeforeASelectIsRefusedWithTheWayToDoBoth() {
        assertThatThrownBy(() -> db.query("insert into pets values (2, 'Tom'); select count(*) from pets",
                QueryOptions.noCache()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Run it with execute(...), then query(...) for what to read, or both in"
                        + " transaction(...)");

        assertThat(pets()).isEqualTo(1);
    }

    @Test
    void streamRefusesAWriteInAnyStatement() {
        List<Object> chunks = new ArrayList<>();

        assertThatThrownBy(() -> db.stream("select id from pets; delete from pets", QueryOptions.noCache(), 10,
                chunks::add)).isInstanceOf(IllegalArgumentException.class);

        assertThat(chunks).isEmpty();
        assertThat(pets()).isEqualTo(1);
    }

    @Test
    void aWriteThatReturnsRowsRuns() {
        // H2's form of DELETE ... RETURNING
        assertThat(db.query("select name from old table (delete from pets where id = 1)", QueryOptions.noCache())
                .get(0, "name"))
                .isEqualTo("Rex");
        assertThat(pets()).isZero();
    }

    @Test
    void aWriteThatReturnsRowsRunsOnEveryCallEvenWithATtl() {
        String insert = "select id from final table (insert into pets (id, name) values (:id, 'Tom'))";
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(5)).param("id", 2);

        assertThat(db.query(insert, options).get(0, "id")).isEqualTo(2L);
        assertThatThrownBy(() -> db.query(insert, options)).as("run again, so the key is taken")
                .isInstanceOf(io.connectionkit.api.QueryException.class);
        assertThat(registry.queryCacheStats().hits()).isZero();
        assertThat(pets()).isEqualTo(2);
    }
}
