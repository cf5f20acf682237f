package io.connectionkit.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps result rows to records by column name; see {@link QueryResult#as(Class)}. */
final class RecordMapper<T extends Record> {

    private final Class<T> type;
    private final RecordComponent[] components;
    private final int[] columnOf;
    private final List<Column> columns;
    private final Constructor<T> constructor;

    RecordMapper(Class<T> type, List<Column> columns) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        this.columns = columns;
        this.components = type.getRecordComponents();
        Map<String, Integer> byKey = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            byKey.putIfAbsent(key(columns.get(c).name()), c);
        }
        this.columnOf = new int[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Integer column = byKey.get(key(components[i].getName()));
            if (column == null) {
                throw new IllegalArgumentException("Cannot map rows to " + type.getSimpleName()
                        + ": no column for record component '" + components[i].getName()
                        + "' (matched ignoring case and underscores); the columns are "
                        + columns.stream().map(Column::name).toList());
            }
            columnOf[i] = column;
            parameterTypes[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot use the canonical constructor of " + type.getName(), e);
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    List<T> mapAll(List<Object[]> rows) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            mapped.add(map(r, rows.get(r)));
        }
        return List.copyOf(mapped);
    }

    private T map(int rowIndex, Object[] row) {
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = row[columnOf[i]];
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

    private static final Object NO_FIT = new Object();

    private static Object convert(Object value, Class<?> target) {
        if (value == null) {
            return target.isPrimitive() ? NO_FIT : null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number) {
            return convertNumber(number, boxed);
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

    private static Object convertNumber(Number number, Class<?> target) {
        try {
            BigDecimal exact = number instanceof BigDecimal d ? d
                    : number instanceof BigInteger i ? new BigDecimal(i)
                    : (number instanceof Double || number instanceof Float) ? BigDecimal.valueOf(number.doubleValue())
                    : BigDecimal.valueOf(number.longValue());
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
            if (target == Double.class) {
                return number.doubleValue();
            }
            if (target == Float.class) {
                return number.floatValue();
            }
            if (target == BigDecimal.class) {
                return exact;
            }
            if (target == BigInteger.class) {
                return exact.toBigIntegerExact();
            }
        } catch (ArithmeticException e) {
            return NO_FIT;
        }
        return NO_FIT;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
