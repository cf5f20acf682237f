package io.connectionkit.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Approximate heap sizes of result values, on a 64-bit JVM with compressed pointers. */
final class SizeEstimate {

    private static final long OBJECT = 16;
    private static final long REFERENCE = 4;
    private static final long ARRAY = 16;

    private SizeEstimate() {
    }

    /** {@code values} holds the rows one after another, and may have room for more. */
    static long of(List<Column> columns, Object[] values, int rowCount) {
        long bytes = 128 + ARRAY + REFERENCE * (long) values.length;
        for (Column column : columns) {
            bytes += 64 + of(column.name()) + (column.sqlType() == null ? 0 : of(column.sqlType()));
        }
        for (int i = 0; i < rowCount * columns.size(); i++) {
            bytes += of(values[i]);
        }
        return bytes;
    }

    static long of(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String s) {
            return 24 + ARRAY + s.length() * (long) (isLatin1(s) ? 1 : 2);
        }
        if (value instanceof byte[] bytes) {
            return ARRAY + bytes.length;
        }
        if (value instanceof BigDecimal d) {
            return 40 + bigInteger(d.unscaledValue());
        }
        if (value instanceof BigInteger i) {
            return bigInteger(i);
        }
        if (value instanceof Number || value instanceof Character) {
            return OBJECT + 8;
        }
        if (value instanceof Temporal) {
            return 72;
        }
        if (value instanceof Collection<?> collection) {
            long bytes = OBJECT + ARRAY;
            for (Object element : collection) {
                bytes += REFERENCE + of(element);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = OBJECT + ARRAY;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += 32 + of(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Object[] array) {
            long bytes = ARRAY;
            for (Object element : array) {
                bytes += REFERENCE + of(element);
            }
            return bytes;
        }
        return 64;
    }

    /** Whether the JVM can store {@code s} one byte a character (compact strings). */
    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static long bigInteger(BigInteger i) {
        return 40 + ARRAY + (i.bitLength() / 32 + 1) * 4L;
    }
}
