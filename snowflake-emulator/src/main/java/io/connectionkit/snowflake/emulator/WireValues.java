package io.connectionkit.snowflake.emulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Values as the driver sends and reads them: every value a string, dates as days since the epoch,
 * times and timestamps as seconds with nine decimals, binary as hex.
 */
final class WireValues {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

    private WireValues() {}

    /** Reads column {@code index} as the Java value of its Snowflake type. */
    static Object read(ResultSet rows, int index, SnowflakeType type) throws SQLException {
        Object value =
                switch (type) {
                    case FIXED -> rows.getBigDecimal(index);
                    case REAL -> rows.getDouble(index);
                    case BOOLEAN -> rows.getBoolean(index);
                    case DATE -> rows.getObject(index, LocalDate.class);
                    case TIME -> rows.getObject(index, LocalTime.class);
                    case TIMESTAMP_NTZ -> rows.getObject(index, LocalDateTime.class);
                    case TIMESTAMP_LTZ, TIMESTAMP_TZ -> rows.getObject(index, OffsetDateTime.class);
                    case BINARY -> rows.getBytes(index);
                    case TEXT, VARIANT -> rows.getString(index);
                };
        return rows.wasNull() ? null : value;
    }

    /** The string the driver expects in {@code rowset} for a value of {@code type}. */
    static String encode(Object value, SnowflakeType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case FIXED -> ((BigDecimal) value).toPlainString();
            case REAL -> Double.toString((Double) value);
            case BOOLEAN -> (Boolean) value ? "1" : "0";
            case DATE -> Long.toString(((LocalDate) value).toEpochDay());
            case TIME ->
                    seconds(
                            ((LocalTime) value).toNanoOfDay() / 1_000_000_000L,
                            ((LocalTime) value).getNano());
            case TIMESTAMP_NTZ -> {
                Instant wallClock = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
                yield seconds(wallClock.getEpochSecond(), wallClock.getNano());
            }
            case TIMESTAMP_LTZ -> {
                Instant instant = ((OffsetDateTime) value).toInstant();
                yield seconds(instant.getEpochSecond(), instant.getNano());
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime dateTime = (OffsetDateTime) value;
                Instant instant = dateTime.toInstant();
                // The offset in minutes, shifted by a day so that it is never negative.
                int offset = dateTime.getOffset().getTotalSeconds() / 60 + 1440;
                yield seconds(instant.getEpochSecond(), instant.getNano()) + " " + offset;
            }
            case BINARY -> HEX.formatHex((byte[]) value);
            case TEXT, VARIANT -> value.toString();
        };
    }

    private static String seconds(long seconds, int nanos) {
        return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)).toPlainString();
    }

    /**
     * The Java value of a bind as the driver sends it ({@code type} as in its bindings, e.g. {@code
     * FIXED} or {@code TIMESTAMP_LTZ}), for H2 to convert to the column's type.
     */
    static Object decodeBind(String type, String value) throws SnowflakeError {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case "FIXED" -> new BigDecimal(value);
                case "REAL" -> Double.valueOf(value);
                case "TEXT", "ANY" -> value;
                case "BOOLEAN" -> value.equals("1") || value.equalsIgnoreCase("true");
                case "DATE" ->
                        Instant.ofEpochMilli(Long.parseLong(value))
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate();
                case "TIME" ->
                        LocalTime.ofNanoOfDay(
                                Math.floorMod(
                                        new BigInteger(value).longValueExact(),
                                        86_400_000_000_000L));
                case "TIMESTAMP_NTZ" -> LocalDateTime.ofInstant(instant(value), ZoneOffset.UTC);
                case "TIMESTAMP_LTZ" -> instant(value).atOffset(ZoneOffset.UTC);
                case "TIMESTAMP_TZ" -> {
                    String[] parts = value.trim().split("\\s+");
                    if (parts.length < 2) {
                        yield instant(parts[0]).atOffset(ZoneOffset.UTC);
                    }
                    int minutes = Integer.parseInt(parts[1]) - 1440;
                    yield instant(parts[0]).atOffset(ZoneOffset.ofTotalSeconds(minutes * 60));
                }
                case "BINARY" -> HEX.parseHex(value);
                default ->
                        throw new SnowflakeError(
                                "002049",
                                "22000",
                                "SQL compilation error: unsupported bind type " + type);
            };
        } catch (RuntimeException e) {
            throw new SnowflakeError(
                    "100038", "22018", "Bind value '" + value + "' is not recognized as " + type);
        }
    }

    /** An instant from nanoseconds since the epoch. */
    private static Instant instant(String nanos) {
        BigInteger[] parts =
                new BigDecimal(nanos).toBigInteger().divideAndRemainder(BILLION.toBigInteger());
        long seconds = parts[0].longValueExact();
        long rest = parts[1].longValueExact();
        if (rest < 0) {
            seconds--;
            rest += 1_000_000_000L;
        }
        return Instant.ofEpochSecond(seconds, rest);
    }
}
