package io.connectionkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to read one column into a plain Java value, chosen from its JDBC type: integers as
 * {@code Long}, exact numbers as {@code BigDecimal} (PostgreSQL's NaN and infinities as
 * {@code Double}), floating point as {@code Double}, text and CLOBs as {@code String}, dates and
 * times as {@code java.time} values (zoned ones as {@code OffsetDateTime}, in arrays too),
 * binaries and BLOBs as {@code byte[]}, arrays as immutable lists (of values read as a column of
 * their type would be, where the driver gives an array's elements as a result set), maps (DuckDB's
 * MAP, PostgreSQL's hstore) as immutable maps, and anything else as the driver gives it.
 */
enum ValueKind {
    INTEGER(Long.class),
    DECIMAL(BigDecimal.class),
    FLOAT(Double.class),
    BOOLEAN(Boolean.class),
    TEXT(String.class),
    CLOB(String.class),
    DATE(LocalDate.class),
    TIME(LocalTime.class),
    /** MySQL's {@code TIME}: a {@code LocalTime} within a day, a {@code Duration} beyond or below it. */
    TIME_OR_DURATION(null),
    TIME_WITH_TIME_ZONE(OffsetTime.class),
    TIMESTAMP(LocalDateTime.class),
    TIMESTAMP_WITH_TIME_ZONE(OffsetDateTime.class),
    BINARY(byte[].class),
    BLOB(byte[].class),
    ARRAY(List.class),
    /** A driver-specific type (JSON, intervals, network addresses): plain values as they are, objects as text. */
    OTHER(null),
    /** Anything else: as the driver gives it. */
    ANY(null),
    /** SQLite: by the value's own type, whatever the column was declared as. */
    BY_VALUE(null);

    private final Class<?> javaType;

    ValueKind(Class<?> javaType) {
        this.javaType = javaType;
    }

    /**
     * Whether every value read is a {@link #javaType()} or null, so that the classes of the values
     * need not be looked at: the kinds whose reading ends in the driver's typed getter, or turns
     * what the driver gives into that class.
     */
    boolean alwaysGivesJavaType() {
        return switch (this) {
            case FLOAT, BOOLEAN, TEXT, CLOB, DATE, TIME, TIMESTAMP, BINARY, BLOB -> true;
            // integers may not fit a Long, nor a NaN a BigDecimal; zoned times and the rest come as the driver gives them
            case INTEGER, DECIMAL, TIME_OR_DURATION, TIME_WITH_TIME_ZONE, TIMESTAMP_WITH_TIME_ZONE, ARRAY, OTHER, ANY,
                    BY_VALUE -> false;
        };
    }

    /**
     * Reads the value of {@code column} in the current row. One switch rather than a method per
     * constant: this runs for every value of every query, and a call site that sees every kind
     * cannot be inlined.
     */
    Object read(ResultSet rs, int column) throws SQLException {
        return switch (this) {
            case INTEGER -> readInteger(rs, column);
            case DECIMAL -> readDecimal(rs, column);
            case FLOAT -> readFloat(rs, column);
            case BOOLEAN -> readBoolean(rs, column);
            case TEXT -> readText(rs, column);
            case CLOB -> readClob(rs, column);
            case DATE -> readDate(rs, column);
            case TIME -> readTime(rs, column);
            case TIME_OR_DURATION -> readTimeOrDuration(rs, column);
            case TIME_WITH_TIME_ZONE -> readTimeWithTimeZone(rs, column);
            case TIMESTAMP -> readTimestamp(rs, column);
            case TIMESTAMP_WITH_TIME_ZONE -> readTimestampWithTimeZone(rs, column);
            case BINARY -> readBinary(rs, column);
            case BLOB -> readBlob(rs, column);
            case ARRAY -> readArray(rs, column);
            case OTHER -> readOther(rs, column);
            case ANY -> readAny(rs, column);
            case BY_VALUE -> readByValue(rs, column);
        };
    }

    private static Object readInteger(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
            try {
                return decimal.longValueExact(); // some drivers read integer columns as BigDecimal
            } catch (ArithmeticException tooBig) {
                return decimal.toBigInteger(); // a whole number past a Long (Snowflake's NUMBER(38,0)), as normalize gives one
            }
        }
        return ValueKind.normalize(value);
    }

    private static Object readDecimal(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getBigDecimal(column);
        } catch (SQLException notADecimal) {
            // PostgreSQL's numeric holds NaN and, since 14, infinities, which no BigDecimal can: a Double can
            double number = retry(notADecimal, () -> rs.getDouble(column));
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return number;
            }
            throw notADecimal;
        }
    }

    private static Object readFloat(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null || value instanceof Double) {
            return value;
        }
        if (value instanceof Float) {
            return ValueKind.normalize(value);
        }
        double number = rs.getDouble(column);
        return rs.wasNull() ? null : number;
    }

    private static Object readBoolean(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Object readText(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    private static Object readClob(ResultSet rs, int column) throws SQLException {
        try (Reader reader = rs.getCharacterStream(column)) {
            if (reader == null) {
                return null;
            }
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new SQLException("Could not read the text of column " + column + ": " + e.getMessage(), e);
        }
    }

    private static Object readDate(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, LocalDate.class);
        } catch (SQLException refused) {
            java.sql.Date date = ValueKind.retry(refused, () -> rs.getDate(column));
            return date == null ? null : date.toLocalDate();
        }
    }

    private static Object readTime(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, LocalTime.class);
        } catch (SQLException refused) {
            // DuckDB refuses the typed getter but gives a LocalTime untyped; a java.sql.Time keeps only millis
            Object time = ValueKind.retry(refused, () -> rs.getObject(column));
            return time instanceof java.sql.Time legacy ? legacy.toLocalTime()
                    .withNano((int) Math.floorMod(legacy.getTime(), 1000L) * 1_000_000) : time;
        }
    }

    /** {@code [-]h:mm:ss[.ffffff]}, hours up to 838. */
    private static Object readTimeOrDuration(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        Matcher parts = MYSQL_TIME.matcher(text);
        if (!parts.matches()) {
            throw new SQLException("Could not read the TIME value \"" + text + "\" of column " + column);
        }
        String fraction = parts.group(5) == null ? "" : parts.group(5);
        Duration duration = Duration.ofHours(Long.parseLong(parts.group(2)))
                .plusMinutes(Long.parseLong(parts.group(3))).plusSeconds(Long.parseLong(parts.group(4)))
                .plusNanos(fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9)));
        if (parts.group(1) != null) {
            duration = duration.negated();
        }
        boolean timeOfDay = !duration.isNegative() && duration.compareTo(ONE_DAY) < 0;
        return timeOfDay ? LocalTime.ofNanoOfDay(duration.toNanos()) : duration;
    }

    private static final Pattern MYSQL_TIME = Pattern.compile("(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private static Object readTimeWithTimeZone(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, OffsetTime.class);
        } catch (SQLException refused) {
            return ValueKind.retry(refused, () -> rs.getObject(column));
        }
    }

    private static Object readTimestamp(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, LocalDateTime.class);
        } catch (SQLException refused) {
            java.sql.Timestamp timestamp = ValueKind.retry(refused, () -> rs.getTimestamp(column));
            return timestamp == null ? null : timestamp.toLocalDateTime();
        }
    }

    private static Object readTimestampWithTimeZone(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, OffsetDateTime.class);
        } catch (SQLException refused) {
            return offsetDateTime(ValueKind.retry(refused, () -> rs.getObject(column)));
        }
    }

    /**
     * A zoned timestamp as an {@code OffsetDateTime}, from what a driver that refuses to give one
     * gives instead: a {@code ZonedDateTime}; a {@code Timestamp} subclass that knows its zone and
     * says so with a public {@code toZonedDateTime()} (Snowflake's); else a plain
     * {@code Timestamp}, an instant, at this JVM's offset. Anything else as it is.
     */
    static Object offsetDateTime(Object value) throws SQLException {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        if (!(value instanceof java.sql.Timestamp timestamp)) {
            return value;
        }
        Method toZoned = ZONED_VIEW.get(timestamp.getClass());
        if (toZoned != null) {
            try {
                return ((ZonedDateTime) toZoned.invoke(timestamp)).toOffsetDateTime();
            } catch (ReflectiveOperationException e) {
                throw new SQLException("Could not read the zone of a " + timestamp.getClass().getName(), e);
            }
        }
        return timestamp.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }

    /** A driver's {@code Timestamp} class's public {@code ZonedDateTime toZonedDateTime()}, or {@code null}. */
    private static final ClassValue<Method> ZONED_VIEW = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("toZonedDateTime");
                return method.getReturnType() == ZonedDateTime.class && method.trySetAccessible() ? method : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private static Object readBinary(ResultSet rs, int column) throws SQLException {
        return rs.getBytes(column);
    }

    private static Object readBlob(ResultSet rs, int column) throws SQLException {
        InputStream stream;
        try {
            stream = rs.getBinaryStream(column);
        } catch (SQLFeatureNotSupportedException refused) {
            return retry(refused, () -> rs.getBytes(column)); // DuckDB
        }
        try (InputStream in = stream) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("Could not read the bytes of column " + column + ": " + e.getMessage(), e);
        }
    }

    private static Object readArray(ResultSet rs, int column) throws SQLException {
        return ValueKind.normalize(rs.getArray(column));
    }

    private static Object readOther(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        boolean plain = value == null || value instanceof String || value instanceof Number
                || value instanceof Boolean || value instanceof UUID || value instanceof Temporal
                || value instanceof Map<?, ?>;
        return plain ? normalize(value) : rs.getString(column);
    }

    private static Object readAny(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column);
    }

    private static Object readByValue(ResultSet rs, int column) throws SQLException {
        return ValueKind.normalize(rs.getObject(column));
    }

    /** The class of the values read, {@code null} when that depends on the values. */
    Class<?> javaType() {
        return javaType;
    }

    /** The kind for a column of JDBC type {@code type}, named {@code typeName} by the database. */
    static ValueKind of(int type, String typeName, int precision) {
        // Runs for every column of every query: look at the name only where it decides the kind.
        String name = typeName == null ? "" : typeName;
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
            // PostgreSQL's money, as text: its format follows lc_monetary ("$1,234.56"), which no number parse knows
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> name.equalsIgnoreCase("money") ? TEXT : FLOAT;
            case Types.BOOLEAN -> BOOLEAN;
            case Types.BIT -> precision <= 1 ? BOOLEAN : OTHER; // BIT(n): a bit string
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.SQLXML -> TEXT;
            case Types.CLOB, Types.NCLOB -> CLOB;
            case Types.DATE -> DATE;
            case Types.TIME -> isZoned(name) ? TIME_WITH_TIME_ZONE : TIME;
            case Types.TIME_WITH_TIMEZONE -> TIME_WITH_TIME_ZONE;
            case Types.TIMESTAMP -> isZoned(name) ? TIMESTAMP_WITH_TIME_ZONE : TIMESTAMP; // PostgreSQL's timestamptz
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_WITH_TIME_ZONE;
            // H2 reports UUID as BINARY but returns java.util.UUID
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> name.equalsIgnoreCase("uuid") ? ANY : BINARY;
            case Types.BLOB -> BLOB;
            case Types.ARRAY -> ARRAY;
            case Types.OTHER -> name.equalsIgnoreCase("uuid") ? ANY : OTHER;
            case Types.STRUCT -> OTHER; // DuckDB's STRUCT: a driver object, whose text reads {'a': 1}
            default -> isZoned(name) ? TIMESTAMP_WITH_TIME_ZONE : ANY; // e.g. SQL Server's DATETIMEOFFSET
        };
    }

    private static boolean isZoned(String typeName) {
        String name = typeName.toLowerCase(Locale.ROOT);
        return name.contains("with time zone") || name.equals("timestamptz") || name.equals("timetz")
                || name.equals("datetimeoffset") || name.equals("timestampltz"); // Snowflake's TIMESTAMP_LTZ: an instant
    }

    /**
     * Widens what drivers return to the few classes results hold: small integers to
     * {@code Long}, {@code Float} to {@code Double} (by its decimal text, so 1.1f stays 1.1),
     * JDBC dates and times to {@code java.time}, arrays to immutable lists.
     */
    static Object normalize(Object value) throws SQLException {
        if (value == null || value instanceof Long || value instanceof String) {
            return value; // the common cases first: this runs for many values of every query
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.valueOf(f.toString());
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big; // BIGINT UNSIGNED may not fit
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        }
        if (value instanceof Array array) {
            return arrayValues(array); // H2 gives nested arrays as java.sql.Array
        }
        if (value instanceof Map<?, ?> map) { // DuckDB's MAP
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(normalize(entry.getKey()), normalize(entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
            int length = java.lang.reflect.Array.getLength(value); // Object[] or a driver's int[]
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(normalize(java.lang.reflect.Array.get(value, i)));
            }
            return Collections.unmodifiableList(list); // arrays may hold NULLs, which List.copyOf refuses
        }
        return value;
    }

    /**
     * The elements of {@code array}, each read as a column of the element type would be, through
     * the array's own result set; from {@code getArray()} for a driver without one.
     */
    private static Object arrayValues(Array array) throws SQLException {
        try {
            ResultSet elements;
            try {
                elements = array.getResultSet();
            } catch (SQLFeatureNotSupportedException noResultSet) {
                return arrayObjects(array);
            }
            try (elements) {
                ResultSetMetaData element; // column 1: the index; 2: the value
                try {
                    element = elements.getMetaData();
                } catch (SQLFeatureNotSupportedException noMetaData) { // DuckDB
                    return arrayObjects(array);
                }
                int type = element.getColumnType(2);
                String name = element.getColumnTypeName(2);
                // An element's BIT(n) has lost its n: only a boolean (PostgreSQL's bool is a BIT) is read as one.
                int precision = type != Types.BIT || "bool".equalsIgnoreCase(name) ? 1 : Integer.MAX_VALUE;
                ValueKind kind = of(type, name, precision);
                List<Object> values = new ArrayList<>();
                try {
                    while (elements.next()) {
                        values.add(kind.read(elements, 2));
                    }
                } catch (SQLException unreadable) {
                    // e.g. pgjdbc's oid[] once it reads the array in binary: the driver's own objects still read
                    try {
                        return arrayObjects(array);
                    } catch (SQLException alsoUnreadable) {
                        alsoUnreadable.addSuppressed(unreadable);
                        throw alsoUnreadable;
                    }
                }
                return Collections.unmodifiableList(values); // arrays may hold NULLs, which List.copyOf refuses
            }
        } finally {
            try {
                array.free();
            } catch (SQLFeatureNotSupportedException ignored) {
                // nothing held that needs freeing
            }
        }
    }

    /** The elements as the driver's {@code getArray()} gives them, normalized. */
    private static Object arrayObjects(Array array) throws SQLException {
        Object values = array.getArray();
        return normalize(isZoned(String.valueOf(array.getBaseTypeName())) ? atUtc(values) : values);
    }

    /**
     * The values of an array of zoned timestamps, which drivers give as {@code java.sql.Timestamp}
     * instants: as {@code OffsetDateTime}s at UTC, as a column of them reads, not as local times.
     */
    private static Object atUtc(Object values) {
        if (values instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (values instanceof Object[] array) {
            Object[] converted = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                converted[i] = atUtc(array[i]);
            }
            return converted;
        }
        return values;
    }

    private interface Getter<T> {
        T get() throws SQLException;
    }

    /** The legacy getter's value, for a driver that refused the {@code java.time} one. */
    private static <T> T retry(SQLException refused, Getter<T> legacy) throws SQLException {
        try {
            return legacy.get();
        } catch (SQLException alsoRefused) {
            alsoRefused.addSuppressed(refused);
            throw alsoRefused;
        }
    }
}
