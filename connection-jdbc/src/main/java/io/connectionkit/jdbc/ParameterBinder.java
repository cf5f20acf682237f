package io.connectionkit.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Binds Java values to the placeholders of a statement. Most go through {@code setObject};
 * the exceptions are the values drivers disagree on.
 *
 * <ul>
 *   <li>{@code Long}, {@code String}, {@code Integer}: {@code setLong}, {@code setString},
 *       {@code setInt}, which is what {@code setObject} does with them, only cheaper.</li>
 *   <li>{@code null}: {@code setNull} with {@link Types#NULL}, or {@link Types#OTHER} for a
 *       driver that refuses that.</li>
 *   <li>{@code byte[]}: {@code setBytes}; an enum: its {@code name()} as text (a PostgreSQL enum
 *       column takes it with a cast, {@code cast(:mood as mood)}, or with the driver property
 *       {@code stringtype=unspecified}); a {@code Character}: a
 *       one-character string; a {@code BigInteger}: a {@code BigDecimal}, which every driver takes.</li>
 *   <li>{@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code OffsetTime},
 *       {@code OffsetDateTime}: {@code setObject} with the value itself (JDBC 4.2).
 *       {@code Instant} and {@code ZonedDateTime} first become an {@code OffsetDateTime}
 *       (UTC for an instant), which JDBC 4.2 knows. A driver that refuses one gets ISO-8601
 *       text, such as {@code 2024-01-02 03:04:05+02:00}; so does SQLite always, whose driver
 *       would store {@code toString()}, which drops zero seconds. The text has a space between
 *       date and time and an instant has no offset, as SQLite's own {@code datetime()} writes
 *       UTC times, so that both compare as text.</li>
 *   <li>{@code UUID}: {@code setObject}, or its text for a driver that refuses it.</li>
 *   <li>A {@code Collection} or a Java array: an array of its elements' shared class, with
 *       {@code setObject}; refused on SQLite, MySQL and MariaDB, which have no arrays.</li>
 * </ul>
 */
final class ParameterBinder {

    /** ISO-8601 with a space between date and time, as SQLite writes times itself, so they compare as text. */
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME).appendOffsetId().toFormatter();

    private ParameterBinder() {
    }

    /** Binds {@code values} to placeholders 1, 2, ... of {@code statement}. */
    static void bind(PreparedStatement statement, List<Object> values, JdbcFlavor flavor) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(statement, i + 1, values.get(i), flavor);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value, JdbcFlavor flavor)
            throws SQLException {
        if (value == null) {
            bindNull(statement, index);
        } else if (value instanceof Long number) { // the common cases first, with the driver's cheapest setter
            statement.setLong(index, number);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value instanceof Character character) {
            statement.setString(index, character.toString());
        } else if (value instanceof BigInteger integer) {
            statement.setBigDecimal(index, new BigDecimal(integer));
        } else if (value instanceof UUID uuid) {
            setObjectOrText(statement, index, uuid, uuid.toString());
        } else if (value instanceof Collection<?> || value.getClass().isArray()) {
            bindArray(statement, index, value, flavor);
        } else {
            Object time = jdbcTime(value);
            if (time == null) {
                statement.setObject(index, value);
            } else if (flavor.bindsTimesAsText()) {
                statement.setString(index, timeText(value));
            } else {
                setObjectOrText(statement, index, time, timeText(value));
            }
        }
    }

    /**
     * A collection or a Java array as an SQL array, of the elements' own class when they share
     * one ({@code String[]} rather than {@code Object[]}; whole numbers as {@code Long[]}), which
     * is what lets PostgreSQL's driver name the array's type. On PostgreSQL an array whose
     * elements name no type (empty, or nulls only) goes as untyped text, {@code {}}, which the
     * server types from where it is used. Refused where the database has no arrays, whose
     * drivers would store the array's {@code toString()}.
     */
    private static void bindArray(PreparedStatement statement, int index, Object value, JdbcFlavor flavor)
            throws SQLException {
        if (!flavor.hasArrays()) {
            throw new IllegalArgumentException("Parameter " + index + " is " + (value instanceof Collection<?>
                    ? "a collection" : "an array") + ", but the database has no array type: give each element a"
                    + " parameter of its own");
        }
        if (!(value instanceof Collection<?>) && !(value instanceof Object[])) {
            statement.setObject(index, value); // int[] and the like: the driver's own
            return;
        }
        Object[] elements = value instanceof Collection<?> collection ? collection.toArray() : (Object[]) value;
        Class<?> shared = null;
        for (Object element : elements) {
            if (element != null) {
                Class<?> type = isWholeNumber(element) ? Long.class : element.getClass();
                shared = shared == null || shared == type ? type : Object.class;
            }
        }
        if (shared == null && flavor.infersTypesOfText()) {
            statement.setObject(index, "{" + String.join(",", Collections.nCopies(elements.length, "NULL")) + "}",
                    Types.OTHER);
            return;
        }
        if (shared != null && shared != Object.class && elements.getClass().getComponentType() != shared) {
            Object[] typed = (Object[]) java.lang.reflect.Array.newInstance(shared, elements.length);
            for (int i = 0; i < elements.length; i++) {
                typed[i] = shared == Long.class && elements[i] != null ? ((Number) elements[i]).longValue() : elements[i];
            }
            elements = typed;
        }
        statement.setObject(index, elements);
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static void bindNull(PreparedStatement statement, int index) throws SQLException {
        try {
            statement.setNull(index, Types.NULL);
        } catch (SQLException refused) {
            try {
                statement.setNull(index, Types.OTHER);
            } catch (SQLException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
        }
    }

    private static void setObjectOrText(PreparedStatement statement, int index, Object value, String text)
            throws SQLException {
        try {
            statement.setObject(index, value);
        } catch (SQLException refused) {
            try {
                statement.setString(index, text);
            } catch (SQLException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
        }
    }

    /** The JDBC 4.2 form of a {@code java.time} value, or {@code null} when {@code value} is not one. */
    private static Object jdbcTime(Object value) {
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime
                || value instanceof OffsetTime || value instanceof OffsetDateTime) {
            return value;
        }
        return null;
    }

    /**
     * ISO-8601 text of a {@code java.time} value, seconds always written. An {@code Instant} is
     * written in UTC without an offset, as SQLite's own {@code datetime('now')}.
     */
    static String timeText(Object time) {
        if (time instanceof Instant instant) {
            return LOCAL_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
        }
        if (time instanceof ZonedDateTime zoned) {
            return OFFSET_DATE_TIME.format(zoned.toOffsetDateTime());
        }
        if (time instanceof OffsetDateTime offset) {
            return OFFSET_DATE_TIME.format(offset);
        }
        if (time instanceof LocalDateTime local) {
            return LOCAL_DATE_TIME.format(local);
        }
        if (time instanceof LocalTime local) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(local);
        }
        if (time instanceof OffsetTime offset) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(offset);
        }
        return time.toString(); // LocalDate: yyyy-MM-dd
    }
}
