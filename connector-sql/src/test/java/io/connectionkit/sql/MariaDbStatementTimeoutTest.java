package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.time.Duration;

/** Timeouts and interrupts on MariaDB, where the driver cancels with KILL QUERY over a connection of its own. */
@Tag("db")
class MariaDbStatementTimeoutTest extends NetworkStatementTimeoutScenarios {

    /** The driver warns of each statement it was asked to cancel ("Query execution was interrupted"): expected here. */
    private LogCapture cancelled;

    @BeforeEach
    void captureTheDriversWarnings() {
        cancelled = LogCapture.of("org.mariadb.jdbc", Level.WARN);
    }

    @AfterEach
    void releaseTheDriversWarnings() {
        cancelled.close();
    }

    @Override
    int port() {
        return 3306;
    }

    @Override
    String connectionLines(int port) {
        return "url = \"mariadb://root@127.0.0.1:" + port + "/test\"";
    }

    /** MariaDB's driver aborts by sending KILL over a new connection first, connecting for connectTimeout, which is pool_timeout. */
    @Override
    String quietNetworkBounds() {
        return "create_engine_kwargs = { pool_timeout = 2 }";
    }

    /** A tick, ABORT_AFTER, the 2 s of the abort's own KILL, and room for a busy machine. */
    @Override
    Duration quietNetworkLimit() {
        return Duration.ofSeconds(5);
    }

    @Override
    String slowInsert(String table, int seconds) {
        return "insert into " + table + " (v) select 99 from (select sleep(" + seconds + ") as s) slept";
    }

    @Override
    String sleeps(int seconds, String marker) {
        return "select sleep(" + seconds + ") as slept, '" + marker + "' as m";
    }

    @Override
    String longQuery(String marker) {
        return "select sleep(60) as slept, '" + marker + "' as m";
    }

    @Override
    String longUpdate(String marker) {
        // Not DO SLEEP(...): a cancelled SLEEP returns early with no error, and DO turns errors into warnings.
        return "create temporary table " + marker + " as select a.seq from seq_1_to_1000000 a, seq_1_to_1000000 b"
                + " where a.seq + b.seq < 0";
    }

    @Override
    String countRunning(String marker) {
        return "select count(*) as n from information_schema.processlist where info like '%" + marker
                + "%' and id <> connection_id()";
    }

    @Override
    String shortQuery() {
        return "select sleep(0.4) as slept";
    }

    @Override
    String sessionQuery() {
        return "select connection_id() as s";
    }
}
