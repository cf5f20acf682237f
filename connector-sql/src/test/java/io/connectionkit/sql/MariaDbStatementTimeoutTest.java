package io.connectionkit.sql;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** Timeouts and interrupts on MariaDB, where the driver cancels with KILL QUERY over a connection of its own. */
@Tag("db")
class MariaDbStatementTimeoutTest extends StatementTimeoutScenarios {

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
    String connectionLines() {
        return "url = \"mariadb://root@127.0.0.1:3306/test\"";
    }

    @Override
    String longQuery(String marker) {
        return "select sleep(60) as slept, '" + marker + "' as m";
    }

    @Override
    String longUpdate(String marker) {
        return "do sleep(60), '" + marker + "'";
    }

    @Override
    String countRunning(String marker) {
        return "select count(*) as n from information_schema.processlist where info like '%" + marker
                + "%' and id <> connection_id()";
    }
}
