package io.connectionkit.snowflake.emulator;

import java.util.Locale;

/** The column types of a Snowflake result, as the driver reads them from {@code rowtype}. */
enum SnowflakeType {
    FIXED,
    REAL,
    TEXT,
    BOOLEAN,
    DATE,
    TIME,
    TIMESTAMP_NTZ,
    TIMESTAMP_LTZ,
    TIMESTAMP_TZ,
    BINARY,
    VARIANT;

    /** The name in {@code rowtype}, which is lower case. */
    String rowtypeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The prefix of the H2 column remark that records a column's Snowflake type. */
    static final String REMARK_PREFIX = "snowflake:";

    static SnowflakeType fromRemark(String remark) {
        if (remark == null || !remark.startsWith(REMARK_PREFIX)) {
            return null;
        }
        try {
            return valueOf(remark.substring(REMARK_PREFIX.length()));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
