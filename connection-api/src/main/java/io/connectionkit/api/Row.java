package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One row of a {@link QueryResult}: a view, as immutable as the result. */
public final class Row {

    private final QueryResult result;
    private final int index;

    Row(QueryResult result, int index) {
        this.result = result;
        this.index = index;
    }

    /** The 0-based position of this row in its result. */
    public int index() {
        return index;
    }

    /** The value of the 0-based column {@code column}. */
    public @Nullable Object get(int column) {
        return result.get(index, column);
    }

    /** The value of the column named {@code column} (exact name first, then ignoring case). */
    public @Nullable Object get(String column) {
        return result.get(index, column);
    }

    /** The value of {@code column}, cast to {@code type}. */
    public <T> @Nullable T get(String column, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = get(column);
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("Column '" + column + "' holds a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /** The values in column order. */
    public List<@Nullable Object> values() {
        return result.rowValues(index);
    }

    /**
     * Column name to value, in column order; immutable. Of two columns with the same name, the
     * first is kept, as {@link #get(String)} reads it.
     */
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        List<Column> columns = result.columns();
        for (int c = 0; c < columns.size(); c++) {
            if (!map.containsKey(columns.get(c).name())) {
                map.put(columns.get(c).name(), result.get(index, c));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return "Row" + index + toMap();
    }
}
