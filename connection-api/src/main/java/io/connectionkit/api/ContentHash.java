package io.connectionkit.api;

import java.util.Arrays;
import java.util.Objects;

/** The hash and equality of values whose arrays count by their content, as {@link Objects#deepEquals} has it. */
final class ContentHash {

    private ContentHash() {
    }

    static int of(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof String) {
            return value.hashCode(); // the commonest values: final classes, so the call is bound and inlined
        }
        return value != null && value.getClass().isArray() ? Arrays.deepHashCode(new Object[] {value}) : Objects.hashCode(value);
    }

    /** {@link Objects#deepEquals}, with {@code equals} at once for a value that is not an array. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Long || a instanceof Integer || a instanceof String) {
            return a.equals(b);
        }
        return a.getClass().isArray() ? Objects.deepEquals(a, b) : a.equals(b);
    }
}
