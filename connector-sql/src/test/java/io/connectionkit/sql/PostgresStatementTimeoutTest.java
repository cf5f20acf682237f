package io.connectionkit.sql;

import org.junit.jupiter.api.Tag;

import java.time.Duration;

/** Timeouts and interrupts on PostgreSQL, where pgjdbc cancels over a connection of its own. */
@Tag("db")
class PostgresStatementTimeoutTest extends NetworkStatementTimeoutScenarios {

    @Override
    int port() {
        return 5432;
    }

    @Override
    String connectionLines(int port) {
        return "url = \"postgresql://postgres@127.0.0.1:" + port + "/test\"";
    }

    /** pgjdbc's cancel holds the connection's lock until it gives up: 10 s unless told otherwise. */
    @Override
    String quietNetworkBounds() {
        return "create_engine_kwargs = { connect_args = { cancelSignalTimeout = 1 } }";
    }

    /** A tick, ABORT_AFTER, the 1 s cancel, and room for a busy machine. */
    @Override
    Duration quietNetworkLimit() {
        return Duration.ofSeconds(3);
    }

    @Override
    String slowInsert(String table, int seconds) {
        return "insert into " + table + " (v) select 99 from pg_sleep(" + seconds + ")";
    }

    @Override
    String sleeps(int seconds, String marker) {
        return "select pg_sleep(" + seconds + ") as slept, '" + marker + "' as m";
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
