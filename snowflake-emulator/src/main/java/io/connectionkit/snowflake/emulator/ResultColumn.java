package io.connectionkit.snowflake.emulator;

/** One column of a result, as the driver reads it from {@code rowtype}. */
record ResultColumn(
        String name,
        SnowflakeType type,
        int precision,
        int scale,
        long length,
        boolean nullable,
        String database,
        String schema,
        String table) {

    static ResultColumn text(String name) {
        return new ResultColumn(name, SnowflakeType.TEXT, 0, 0, 16_777_216, true, "", "", "");
    }

    static ResultColumn number(String name) {
        return new ResultColumn(name, SnowflakeType.FIXED, 38, 0, 0, true, "", "", "");
    }

    static ResultColumn timestampLtz(String name) {
        return new ResultColumn(name, SnowflakeType.TIMESTAMP_LTZ, 0, 9, 0, true, "", "", "");
    }
}
