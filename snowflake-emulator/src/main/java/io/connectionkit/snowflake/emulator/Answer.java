package io.connectionkit.snowflake.emulator;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a statement answers: its columns and rows (Java values of each column's Snowflake type), the
 * statement type id the driver derives update counts from, and for a describe request the number of
 * binds and whether a batch may arrive as one request with array binds.
 */
record Answer(
        long statementTypeId,
        List<ResultColumn> columns,
        List<List<Object>> rows,
        int numberOfBinds,
        boolean arrayBindSupported) {

    static final long SELECT = 0x1000;
    static final long INSERT = 0x3100;
    static final long UPDATE = 0x3200;
    static final long DELETE = 0x3300;
    static final long ALTER_SESSION = 0x4100;
    static final long USE = 0x4300;
    static final long USE_DATABASE = 0x4301;
    static final long USE_SCHEMA = 0x4302;
    static final long USE_WAREHOUSE = 0x4303;
    static final long SHOW = 0x4400;
    static final long TRANSACTION = 0x5000;
    static final long DDL = 0x6000;

    /** A statement that reports a status line, as DDL and USE do. */
    static Answer status(long statementTypeId, String message) {
        return new Answer(
                statementTypeId,
                List.of(ResultColumn.text("status")),
                List.of(List.of(message)),
                0,
                false);
    }

    /** A DML statement's answer: its count as a one-row result, which the driver adds up. */
    static Answer count(long statementTypeId, String column, long count) {
        return new Answer(
                statementTypeId,
                List.of(ResultColumn.number(column)),
                List.of(List.of(BigDecimal.valueOf(count))),
                0,
                false);
    }

    Answer described(int binds, boolean arrayBinds) {
        return new Answer(statementTypeId, columns, List.of(), binds, arrayBinds);
    }
}
