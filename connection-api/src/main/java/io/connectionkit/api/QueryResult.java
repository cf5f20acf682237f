package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The rows a query returned: the JVM's stand-in for the data frame Streamlit returns.
 * Immutable and safe to share between threads, so the query cache can hand one instance to
 * every caller. Values are plain Java values ({@code Long}, {@code String},
 * {@code BigDecimal}, {@code LocalDate}, ...) and must not be mutated.
 */
public final class QueryResult implements Iterable<Row> {

    private final List<Column> columns;
    // Row after row in one array, row r's values at [r * width, (r + 1) * width): no object per row.
    private final Object[] values;
    private final int rowCount;
    // Worked out on first use: a result read only to be streamed or mapped never pays for them.
    private volatile ColumnIndex index;
    private volatile long estimatedBytes = -1;

    /** Column positions by exact name and by lower-case name; the first of equal names wins. */
    private record ColumnIndex(Map<String, Integer> exact, Map<String, Integer> lowerCase) {
        static ColumnIndex of(List<Column> columns) {
            Map<String, Integer> exact = new HashMap<>();
            Map<String, Integer> lower = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String name = columns.get(c).name();
                exact.putIfAbsent(name, c);
                lower.putIfAbsent(name.toLowerCase(Locale.ROOT), c);
            }
            return new ColumnIndex(exact, lower);
        }
    }

    private QueryResult(List<Column> columns, Object[] values, int rowCount) {
        this.columns = List.copyOf(columns);
        this.values = values;
        this.rowCount = rowCount;
    }

    /**
     * A result of {@code columns} and {@code rows}, each row a list of values in column order.
     *
     * @throws IllegalArgumentException if a row's length differs from the number of columns
     */
    public static QueryResult of(List<Column> columns, List<? extends List<?>> rows) {
        Objects.requireNonNull(rows, "rows");
        Builder builder = builder(columns);
        rows.forEach(row -> builder.addRow(row.toArray()));
        return builder.build();
    }

    /** A result with columns and no rows. */
    public static QueryResult empty(List<Column> columns) {
        return builder(columns).build();
    }

    /** Builds a result row by row; what a connector uses while reading a cursor. */
    public static Builder builder(List<Column> columns) {
        return new Builder(columns);
    }

    /** Collects rows; not thread-safe, and not usable after {@link #build()}. */
    public static final class Builder {
        private static final Object[] NO_VALUES = {};

        private final List<Column> columns;
        private final int width;
        private Object[] values;
        private int rowCount;
        private boolean built;

        private Builder(List<Column> columns) {
            this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
            width = this.columns.size();
            values = NO_VALUES; // sized by the first rows added: a one-row result stays small in the cache
        }

        /** Adds a row of values in column order; the values are copied out of the array. */
        public Builder addRow(@Nullable Object... values) {
            Objects.requireNonNull(values, "values");
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (values.length != width) {
                throw new IllegalArgumentException("Row " + rowCount + " has " + values.length
                        + " values but there are " + width + " columns");
            }
            int end = (rowCount + 1) * width;
            if (end > this.values.length) {
                this.values = Arrays.copyOf(this.values, Math.max(end, this.values.length * 2));
            }
            System.arraycopy(values, 0, this.values, end - width, width);
            rowCount++;
            return this;
        }

        /**
         * Adds {@code rowCount} rows from {@code values}, which holds them one after another, each
         * in column order, from its start; the values are copied out of the array. For a connector
         * that reads a cursor into an array of its own: one copy for all the rows.
         *
         * @throws IllegalArgumentException if {@code values} holds fewer than {@code rowCount} rows
         */
        public Builder addRows(@Nullable Object[] values, int rowCount) {
            Objects.requireNonNull(values, "values");
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (rowCount < 0 || (long) rowCount * width > values.length) {
                throw new IllegalArgumentException(rowCount + " rows of " + width + " values do not fit in "
                        + values.length + " values");
            }
            int end = (this.rowCount + rowCount) * width;
            if (end > this.values.length) {
                this.values = Arrays.copyOf(this.values, end);
            }
            System.arraycopy(values, 0, this.values, this.rowCount * width, rowCount * width);
            this.rowCount += rowCount;
            return this;
        }

        public QueryResult build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            Object[] all = values;
            values = null;
            return new QueryResult(columns, all, rowCount);
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public int columnCount() {
        return columns.size();
    }

    public int rowCount() {
        return rowCount;
    }

    public boolean isEmpty() {
        return rowCount == 0;
    }

    /** The 0-based column position of {@code column}: the exact name first, then ignoring case. */
    public int columnIndex(String column) {
        Objects.requireNonNull(column, "column");
        ColumnIndex positions = index;
        if (positions == null) {
            positions = ColumnIndex.of(columns);
            index = positions;
        }
        Integer position = positions.exact().get(column);
        if (position == null) {
            position = positions.lowerCase().get(column.toLowerCase(Locale.ROOT));
        }
        if (position == null) {
            throw new IllegalArgumentException("No column '" + column + "'; the columns are " + columnNames());
        }
        return position;
    }

    public @Nullable Object get(int row, int column) {
        Objects.checkIndex(column, columns.size());
        return values[Objects.checkIndex(row, rowCount) * columns.size() + column];
    }

    public @Nullable Object get(int row, String column) {
        return get(row, columnIndex(column));
    }

    public Row row(int index) {
        Objects.checkIndex(index, rowCount);
        return new Row(this, index);
    }

    List<@Nullable Object> rowValues(int index) {
        int width = columns.size();
        return Collections.unmodifiableList(Arrays.asList(values).subList(index * width, (index + 1) * width));
    }

    @Override
    public Iterator<Row> iterator() {
        return stream().iterator();
    }

    public Stream<Row> stream() {
        return IntStream.range(0, rowCount).mapToObj(i -> new Row(this, i));
    }

    /** Each row as an immutable map of column name to value, in column order; see {@link Row#toMap()}. */
    public List<Map<String, @Nullable Object>> toMaps() {
        return stream().map(Row::toMap).toList();
    }

    /**
     * Each row as a record of {@code type}, in an immutable list: record components are matched
     * to columns by name, ignoring case and underscores, so {@code owner_name} fills
     * {@code ownerName}; other columns are ignored. A number is converted to another numeric
     * type when it holds exactly the same value there ({@code 7L} to {@code int}, not
     * {@code 7.5}); a string fills an enum (by name, ignoring case) or a {@code char}. As SQLite
     * keeps them, 0 and 1 fill a {@code boolean}, and ISO text ({@code 2024-01-02},
     * {@code 2024-01-02 03:04:05}) a {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime},
     * {@code OffsetDateTime} or {@code Instant}.
     *
     * @throws IllegalArgumentException naming the component with no column, or the column
     *                                  whose value does not fit the component's type (a NULL
     *                                  into a primitive, say), or the row the record's
     *                                  constructor rejected
     */
    public <T extends Record> List<T> as(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return RecordMapper.of(type).mapAll(columns, values, rowCount);
    }

    /** A rough size in memory, used to bound the query cache in bytes. */
    public long estimatedBytes() {
        long bytes = estimatedBytes;
        if (bytes < 0) {
            bytes = SizeEstimate.of(columns, values, rowCount);
            estimatedBytes = bytes;
        }
        return bytes;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof QueryResult other) || !columns.equals(other.columns) || rowCount != other.rowCount) {
            return false;
        }
        for (int i = rowCount * columns.size() - 1; i >= 0; i--) {
            if (!Objects.deepEquals(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = columns.hashCode() * 31 + rowCount;
        for (int i = 0; i < rowCount * columns.size(); i++) {
            hash = 31 * hash + ContentHash.of(values[i]);
        }
        return hash;
    }

    /**
     * The first {@code maxRows} rows as an aligned text table, numbers right-aligned, each cell cut
     * to 40 characters, followed by the row count: for a terminal, as {@code psql} prints.
     */
    public String toTable(int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 or more, not " + maxRows);
        }
        return TextTable.render(this, maxRows);
    }

    /** The first 20 rows as an aligned text table, with the row count ({@link #toTable}). */
    @Override
    public String toString() {
        return TextTable.render(this, 20);
    }
}
