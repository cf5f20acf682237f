package io.connectionkit.sql;

import org.junit.jupiter.api.Tag;

/** Timeouts and interrupts on PostgreSQL, where pgjdbc cancels over a connection of its own. */
@Tag("db")
class PostgresStatementTimeoutTest extends StatementTimeoutScenarios {

    @Override
    String connectionLines() {
        return "url = \"postgresql://postgres@127.0.0.1:5432/test\"";
    }

    @Override
    String longQuery(String marker) {
        return "select pg_sleep(60) as slept, '" + marker + "' as m";
    }

    @Override
    String longUpdate(String marker) {
        return "do $$ begin perform pg_sleep(60); end $$ /* " + marker + " */";
    }

    @Override
    String countRunning(String marker) {
        return "select count(*) as n from pg_stat_activity where state = 'active' and query like '%" + marker
                + "%' and pid <> pg_backend_pid()";
    }

    @Override
    String shortQuery() {
        return "select pg_sleep(0.4) as slept";
    }

    @Override
    String sessionQuery() {
        return "select pg_backend_pid() as s";
    }
}
