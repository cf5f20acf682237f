package io.connectionkit.jdbc;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Row;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the rows of a result set into {@link QueryResult}s of plain Java values, all at once or
 * a chunk at a time. Each column is read as its JDBC type says ({@link ValueKind}); on SQLite,
 * whose columns may hold any type whatever they were declared as, by the value each holds.
 *
 * <p>A column's {@code javaType} is the class its type maps to when every value read is one;
 * otherwise the class all its values share, or {@code Object.class} when they differ. It is
 * worked out for each chunk, from the values of that chunk.
 */
final class ResultReader {

    private final ResultSet resultSet;
    private final ResultShape shape;
    private boolean exhausted;

    private ResultReader(ResultSet resultSet, ResultShape shape) {
        this.resultSet = resultSet;
        this.shape = shape;
    }

    /**
     * A reader of {@code resultSet}, a result of {@code statement}, positioned before its first
     * row; does not close it. The statement's last shape is reused when the metadata describes
     * the same columns, and replaced when not.
     */
    static ResultReader of(ResultSet resultSet, JdbcFlavor flavor, ParsedStatement statement) throws SQLException {
        ResultShape last = statement.lastShape();
        ResultShape shape = ResultShape.of(resultSet.getMetaData(), flavor, last);
        if (shape != last) {
            statement.lastShape(shape);
        }
        return new ResultReader(resultSet, shape);
    }

    /**
     * Reads the next {@code maxRows} rows, or as many as are left. Rows go straight into the
     * result under the columns' declared classes; in the rare case that a value read is of
     * another class (SQLite, driver-specific types), the result is rebuilt with the classes the
     * values have.
     */
    QueryResult read(int maxRows) throws SQLException {
        List<Column> columns = shape.declaredColumns();
        QueryResult.Builder result = QueryResult.builder(columns);
        // Locals, not fields, in the loop that runs for every value: the JIT keeps them in registers.
        ResultSet rows = resultSet;
        ValueKind[] kinds = shape.kinds();
        Class<?>[] declared = shape.declared();
        boolean[] typeByValue = shape.typeByValue();
        boolean otherClass = false;
        int width = kinds.length;
        // Row after row into one local array, copied into the result once: no copy per row.
        Object[] values = new Object[width];
        int read = 0;
        while (read < maxRows && !exhausted) {
            if (!rows.next()) {
                exhausted = true; // a forward-only result set may throw if asked again
                break;
            }
            int at = read * width;
            if (at + width > values.length) {
                values = Arrays.copyOf(values, Math.max(at + width, values.length * 2));
            }
            for (int c = 0; c < width; c++) {
                Object value = kinds[c].read(rows, c + 1);
                values[at + c] = value;
                otherClass |= typeByValue[c] && value != null && value.getClass() != declared[c];
            }
            read++;
        }
        QueryResult built = result.addRows(values, read).build();
        if (!otherClass) {
            return built;
        }
        Column[] found = new Column[columns.size()];
        boolean retype = false;
        for (int c = 0; c < found.length; c++) {
            Column column = columns.get(c);
            Class<?> type = typeByValue[c] ? javaType(declared[c], built, c) : column.javaType();
            found[c] = type == column.javaType() ? column : new Column(column.name(), type, column.sqlType());
            retype |= found[c] != column;
        }
        return retype ? retyped(built, List.of(found)) : built;
    }

    /**
     * A column's class: the declared class if every value is one, else the class all values
     * share, else {@code Object}.
     */
    private static Class<?> javaType(Class<?> declared, QueryResult result, int column) {
        Class<?> shared = null;
        boolean mixed = false;
        for (Row row : result) {
            Object value = row.get(column);
            if (value != null && shared != value.getClass()) {
                mixed = shared != null;
                if (mixed) {
                    break;
                }
                shared = value.getClass();
            }
        }
        if (shared == null) {
            return declared != null ? declared : Object.class; // no values
        }
        if (!mixed) {
            return declared != null && declared.isAssignableFrom(shared) ? declared : shared;
        }
        if (declared == null) {
            return Object.class;
        }
        for (Row row : result) {
            Object value = row.get(column);
            if (value != null && !declared.isInstance(value)) {
                return Object.class;
            }
        }
        return declared;
    }

    private static QueryResult retyped(QueryResult result, List<Column> columns) {
        QueryResult.Builder retyped = QueryResult.builder(columns);
        for (Row row : result) {
            retyped.addRow(row.values().toArray());
        }
        return retyped.build();
    }

    /** Whether the last row has been read. */
    boolean exhausted() {
        return exhausted;
    }
}
