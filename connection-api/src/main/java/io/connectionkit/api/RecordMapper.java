package io.connectionkit.api;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps result rows to records of one class by column name; see {@link QueryResult#as(Class)}.
 * Made once per record class, as reflecting on the class costs far more than mapping a row; the
 * columns are matched on every call, as results of one class may have them in any order.
 */
final class RecordMapper<T extends Record> {

    /** What {@link #convert} returns for a value that does not fit the component's type. */
    private static final Object NO_FIT = new Object();

    /**
     * One mapper per record class, kept with the class: a static map of classes would keep each
     * class, and its class loader, alive after its application is gone (a web app redeployed).
     */
    private static final ClassValue<RecordMapper<?>> MAPPERS = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected RecordMapper<?> computeValue(Class<?> type) {
            return new RecordMapper(type);
        }
    };

    private final Class<T> type;
    private final RecordComponent[] components;
    /** The components' names as columns are matched: {@link #key}. */
    private final String[] keys;
    private final Constructor<T> constructor;

    /** The mapper of {@code type}, made on first use. */
    @SuppressWarnings("unchecked")
    static <T extends Record> RecordMapper<T> of(Class<T> type) {
        return (RecordMapper<T>) MAPPERS.get(type);
    }

    private RecordMapper(Class<T> type) { // a non-record fails here on every call: ClassValue keeps no exception
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        this.components = type.getRecordComponents();
        this.keys = new String[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            keys[i] = key(components[i].getName());
            parameterTypes[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.trySetAccessible();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Cannot use the canonical constructor of " + type.getName(), e);
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** For each component, the index of the first column of its name. */
    private int[] columnsOf(List<Column> columns) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            byKey.putIfAbsent(key(columns.get(c).name()), c);
        }
        int[] columnOf = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            Integer column = byKey.get(keys[i]);
            if (column == null) {
                throw new IllegalArgumentException("Cannot map rows to " + type.getSimpleName()
                        + ": no column for record component '" + components[i].getName()
                        + "' (matched ignoring case and underscores); the columns are "
                        + columns.stream().map(Column::name).toList());
            }
            columnOf[i] = column;
        }
        return columnOf;
    }

    /** Maps {@code rowCount} rows of {@code columns}, held one after another in {@code values}. */
    List<T> mapAll(List<Column> columns, Object[] values, int rowCount) {
        int[] columnOf = columnsOf(columns);
        List<T> mapped = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            mapped.add(map(r, columns, columnOf, values, r * columns.size()));
        }
        return List.copyOf(mapped);
    }

    private T map(int rowIndex, List<Column> columns, int[] columnOf, Object[] values, int offset) {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = values[offset + columnOf[i]];
            Class<?> target = components[i].getType();
            Object converted = convert(value, target);
            if (converted == NO_FIT) {
                String columnName = columns.get(columnOf[i]).name();
                String found = value == null ? "NULL" : value.getClass().getSimpleName() + " " + value;
                throw new IllegalArgumentException("Cannot map row " + rowIndex + " to " + type.getSimpleName()
                        + ": column '" + columnName + "' holds " + found + ", which does not fit component '"
                        + components[i].getName() + "' of type " + target.getSimpleName());
            }
            arguments[i] = converted;
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("The constructor of " + type.getSimpleName() + " rejected row "
                    + rowIndex + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot construct " + type.getName(), e);
        }
    }

    private static Object convert(Object value, Class<?> target) {
        if (value == null) {
            return target.isPrimitive() ? NO_FIT : null;
        }
        Class<?> boxed = MethodType.methodType(target).wrap().returnType();
        if (boxed.isInstance(value)) {
            return value;
        }
        if (boxed == Boolean.class && value instanceof Number number) {
            return booleanOf(number); // SQLite and MySQL keep booleans as 0 and 1
        }
        if (value instanceof Number number) {
            return convertNumber(number, boxed);
        }
        if (value instanceof String text && Temporal.class.isAssignableFrom(boxed)) {
            return temporalOf(text, boxed); // SQLite keeps dates and times as ISO text
        }
        if (target.isEnum() && value instanceof String name) {
            for (Object constant : target.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(name)) {
                    return constant;
                }
            }
            return NO_FIT;
        }
        if (boxed == String.class && (value instanceof Character || value instanceof Enum<?>)) {
            return value.toString();
        }
        if (boxed == Character.class && value instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        return NO_FIT;
    }

    private static Object booleanOf(Number number) {
        double value = number.doubleValue();
        return value == 0 ? Boolean.FALSE : value == 1 ? Boolean.TRUE : NO_FIT;
    }

    /** ISO text, with a space or a {@code T} between date and time, as {@code target}; else {@link #NO_FIT}. */
    private static Object temporalOf(String text, Class<?> target) {
        String iso = text.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) (?=\\d)", "$1T");
        try {
            if (target == LocalDate.class) {
                return LocalDate.parse(iso);
            }
            if (target == LocalDateTime.class) {
                return LocalDateTime.parse(iso);
            }
            if (target == LocalTime.class) {
                return LocalTime.parse(iso);
            }
            if (target == OffsetDateTime.class) {
                return OffsetDateTime.parse(iso);
            }
            if (target == Instant.class) {
                return OffsetDateTime.parse(iso).toInstant();
            }
        } catch (DateTimeParseException notIso) {
            return NO_FIT;
        }
        return NO_FIT;
    }

    /** {@code number} as {@code target} when it holds the same value there, else {@link #NO_FIT}. */
    private static Object convertNumber(Number number, Class<?> target) {
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            return target == Double.class ? (Object) number.doubleValue()
                    : target == Float.class ? (Object) number.floatValue() : NO_FIT;
        }
        try {
            BigDecimal exact = exactValue(number);
            if (target == Long.class) {
                return exact.longValueExact();
            }
            if (target == Integer.class) {
                return exact.intValueExact();
            }
            if (target == Short.class) {
                return exact.shortValueExact();
            }
            if (target == Byte.class) {
                return exact.byteValueExact();
            }
            if (target == BigDecimal.class) {
                return exact;
            }
            if (target == BigInteger.class) {
                return exact.toBigIntegerExact();
            }
            if (target == Double.class) {
                double d = exact.doubleValue();
                return Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(exact) == 0 ? d : NO_FIT;
            }
            if (target == Float.class) {
                float f = exact.floatValue();
                return Float.isFinite(f) && new BigDecimal(Float.toString(f)).compareTo(exact) == 0 ? f : NO_FIT;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return NO_FIT;
        }
        return NO_FIT;
    }

    /** The decimal a finite number stands for; a double as its shortest decimal form ({@code 0.1}). */
    private static BigDecimal exactValue(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return new BigDecimal(number.toString());
    }
}
