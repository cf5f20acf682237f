package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements whose answer outlasts the driver's socket timeout, on PostgreSQL and MariaDB: the
 * connection is lost after the statement was sent, so it is not sent again, whatever it does.
 */
@Tag("db")
class LostAnswerDatabaseTest {

    @TempDir
    Path dir;

    private ConnectionRegistry registry;
    private String table;
    private String marker;
    /** HikariCP's and the drivers' warnings about the connections these tests lose on purpose. */
    private LogCapture provoked;

    @BeforeEach
    void setUp(TestInfo info) {
        String unique = Integer.toHexString(info.getTestMethod().orElseThrow().getName().hashCode()) + "_"
                + ThreadLocalRandom.current().nextInt(1_000_000);
        table = "ck_lost_" + unique;
        marker = "ck_lost_marker_" + unique;
        provoked = LogCapture.all(Level.WARN);
        registry = ConnectionRegistry.builder().secretsFiles().homeDirectory(dir).workingDirectory(dir).secretsToml("""
                [connections.pg]
                type = "sql"
                url = "postgresql://postgres@127.0.0.1:5432/test"
                retry_wait = 0
                create_engine_kwargs = { connect_args = { socketTimeout = 1 } }

                [connections.maria]
                type = "sql"
                url = "mariadb://root@127.0.0.1:3306/test"
                retry_wait = 0
                create_engine_kwargs = { connect_args = { socketTimeout = 1000 } }
                """).build();
    }

    @AfterEach
    void tearDown() {
        try {
            for (String name : new String[] {"pg", "maria"}) {
                try {
                    registry.get(name, SQLConnection.class).execute("drop table if exists " + table);
                } catch (RuntimeException e) {
                    // the test may not have created it
                }
            }
            registry.close();
        } finally {
            provoked.close();
        }
    }

    @Test
    void postgresqlRunsAnInsertReturningWhoseAnswerWasLostOnce() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        pg.execute("create table " + table + " (id serial primary key, v int)");

        assertThatThrownBy(() -> pg.query("insert into " + table + " (v) select 1 from pg_sleep(2) returning id",
                QueryOptions.noCache()))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.sqlState()).startsWith("08");
                    assertThat(e.getMessage()).contains("it was not run again");
                });
        awaitNoStatementAtTheServer(pg, table); // the one the server still runs commits when it ends

        assertThat(pg.query("select count(*) as n from " + table, QueryOptions.noCache()).get(0, "n")).isEqualTo(1L);
    }

    @Test
    void postgresqlSendsAReadPastTheSocketTimeoutOnce() {
        SQLConnection pg = registry.get("pg", SQLConnection.class);
        String sleep = "select pg_sleep(3) as slept, '" + marker + "' as m";

        assertThatThrownBy(() -> pg.query(sleep, QueryOptions.noCache()))
                .isInstanceOf(QueryException.class).hasMessageContaining("outlasted the driver's socket timeout");

        assertThat(pg.query("select count(*) as n from pg_stat_activity where query like '%" + marker
                + "%' and pid <> pg_backend_pid()", QueryOptions.noCache()).get(0, "n"))
                .as("statements holding the marker at the database").isEqualTo(1L);
    }

    @Test
    void mariadbSendsAReadPastTheSocketTimeoutOnce() {
        SQLConnection maria = registry.get("maria", SQLConnection.class);
        String sleep = "select sleep(3) as slept, '" + marker + "' as m";
        long start = System.nanoTime();

        assertThatThrownBy(() -> maria.query(sleep, QueryOptions.noCache()))
                .isInstanceOf(QueryException.class).hasMessageContaining("outlasted the driver's socket timeout");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(maria.query("select count(*) as n from information_schema.processlist where info like '%" + marker
                + "%' and id <> connection_id()", QueryOptions.noCache()).get(0, "n"))
                .as("statements holding the marker at the database").isEqualTo(1L);
    }

    /** Waits, up to 10 s, until PostgreSQL runs no statement that names {@code text}, other than the one asking. */
    private static void awaitNoStatementAtTheServer(SQLConnection pg, String text) {
        String running = "select count(*) as n from pg_stat_activity where state = 'active' and query like '%" + text
                + "%' and pid <> pg_backend_pid()";
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((Long) pg.query(running, QueryOptions.noCache()).get(0, "n") > 0) {
            assertThat(System.nanoTime()).as("the statement at the server ended within 10 s").isLessThan(until);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
