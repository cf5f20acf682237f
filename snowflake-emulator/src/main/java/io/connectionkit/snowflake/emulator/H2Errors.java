package io.connectionkit.snowflake.emulator;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns H2's errors into the codes and messages Snowflake answers for the same mistakes. */
final class H2Errors {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private H2Errors() {}

    static SnowflakeError translate(SQLException e) {
        String detail = detail(e);
        String name = firstQuoted(detail);
        return switch (e.getErrorCode()) {
            case 42102, 42103, 42104 ->
                    new SnowflakeError(
                            "002003",
                            "42S02",
                            "SQL compilation error:\nObject '"
                                    + name
                                    + "' does not exist or not authorized.");
            case 90079 ->
                    new SnowflakeError(
                            "002003",
                            "02000",
                            "SQL compilation error:\nSchema '"
                                    + name
                                    + "' does not exist or not authorized.");
            case 42122 ->
                    new SnowflakeError(
                            "000904",
                            "42000",
                            "SQL compilation error: error line 1 at position 0\ninvalid identifier '"
                                    + name
                                    + "'");
            case 42101, 90085, 90078 -> SnowflakeError.alreadyExists(name);
            case 90022 ->
                    new SnowflakeError(
                            "002140", "42601", "SQL compilation error:\nUnknown function " + name);
            case 42000, 42001 -> SnowflakeError.syntax("syntax error: " + detail);
            case 23502 ->
                    new SnowflakeError("100072", "22000", "NULL result in a non-nullable column");
            case 23505 ->
                    new SnowflakeError(
                            "100090",
                            "23505",
                            "Duplicate key value violates unique constraint: " + detail);
            case 22018, 22007 ->
                    new SnowflakeError("100038", "22018", "Value is not recognized: " + detail);
            case 22001 ->
                    new SnowflakeError(
                            "100074",
                            "22001",
                            "String is too long and would be truncated: " + detail);
            case 22003 ->
                    new SnowflakeError("100039", "22003", "Numeric value out of range: " + detail);
            case 22012 -> new SnowflakeError("100051", "22012", "Division by zero");
            case 57014 -> SnowflakeError.canceled();
            case 90012 ->
                    new SnowflakeError(
                            "002049",
                            "22000",
                            "SQL compilation error: a bind variable is not set: " + detail);
            default -> byState(e, detail);
        };
    }

    private static SnowflakeError byState(SQLException e, String detail) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("42")) {
            return SnowflakeError.syntax(detail);
        }
        if (state.startsWith("22")) {
            return new SnowflakeError("100038", "22000", detail);
        }
        if (state.startsWith("23")) {
            return new SnowflakeError("100072", "23000", detail);
        }
        return new SnowflakeError("000603", "XX000", "SQL execution internal error: " + detail);
    }

    /** H2's message without the statement it repeats and without its own error number. */
    private static String detail(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int statement = message.indexOf("; SQL statement:");
        if (statement >= 0) {
            message = message.substring(0, statement);
        }
        return message.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "").strip();
    }

    private static String firstQuoted(String detail) {
        Matcher matcher = QUOTED.matcher(detail);
        return matcher.find() ? matcher.group(1) : detail;
    }
}
