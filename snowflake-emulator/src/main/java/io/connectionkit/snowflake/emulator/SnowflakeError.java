package io.connectionkit.snowflake.emulator;

/**
 * A failure answered to the driver as Snowflake answers it: a vendor code such as {@code 002003},
 * an SQL state and a message.
 */
final class SnowflakeError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String sqlState;

    SnowflakeError(String code, String sqlState, String message) {
        super(message, null, false, false);
        this.code = code;
        this.sqlState = sqlState;
    }

    String code() {
        return code;
    }

    String sqlState() {
        return sqlState;
    }

    static SnowflakeError syntax(String message) {
        return new SnowflakeError("001003", "42000", "SQL compilation error:\n" + message);
    }

    static SnowflakeError unsupported(String what, String sql) {
        return new SnowflakeError(
                "001003",
                "42000",
                "SQL compilation error:\n"
                        + what
                        + " is not supported by the Snowflake emulator: "
                        + abbreviate(sql));
    }

    static SnowflakeError doesNotExist(String kind, String name) {
        return new SnowflakeError(
                "002003",
                "02000",
                "SQL compilation error:\n"
                        + kind
                        + " '"
                        + name
                        + "' does not exist or not authorized.");
    }

    static SnowflakeError alreadyExists(String name) {
        return new SnowflakeError(
                "002002", "42710", "SQL compilation error:\nObject '" + name + "' already exists.");
    }

    static SnowflakeError canceled() {
        return new SnowflakeError("000604", "57014", "SQL execution canceled");
    }

    static SnowflakeError timedOut(long seconds) {
        return new SnowflakeError(
                "000630",
                "57014",
                "Statement reached its statement or warehouse timeout of "
                        + seconds
                        + " second(s) and was canceled.");
    }

    static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
