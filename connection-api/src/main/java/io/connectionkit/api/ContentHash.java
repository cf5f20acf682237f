package io.connectionkit.api;

import java.util.Arrays;
import java.util.Objects;

/** The hash of a value whose arrays count by their content, as {@link Objects#deepEquals} compares them. */
final class ContentHash {

    private ContentHash() {
    }

    static int of(Object value) {
        return value != null && value.getClass().isArray() ? Arrays.deepHashCode(new Object[] {value}) : Objects.hashCode(value);
    }
}
