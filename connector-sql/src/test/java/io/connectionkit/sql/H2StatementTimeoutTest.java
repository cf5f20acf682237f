package io.connectionkit.sql;

/** Timeouts and interrupts on H2, whose cancel is checked as it reads rows. */
class H2StatementTimeoutTest extends StatementTimeoutScenarios {

    @Override
    String connectionLines() {
        return "url = \"h2:mem:" + marker + ";DB_CLOSE_DELAY=-1\"";
    }

    @Override
    String longQuery(String marker) {
        return "select count(*) as n, '" + marker + "' as m from system_range(1, 1000000) a, system_range(1, 1000000) b";
    }

    @Override
    String longUpdate(String marker) {
        return "create table t_" + marker + " as select count(*) as n from system_range(1, 1000000) a,"
                + " system_range(1, 1000000) b";
    }

    @Override
    String countRunning(String marker) {
        return "select count(*) as n from information_schema.sessions where executing_statement like '%" + marker
                + "%' and session_id <> session_id()";
    }

    @Override
    String shortQuery() {
        return "select count(*) as n from system_range(1, 10000) a, system_range(1, 10000) b";
    }

    @Override
    String sessionQuery() {
        return "select session_id() as s";
    }
}
