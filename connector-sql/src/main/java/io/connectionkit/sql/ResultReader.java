package io.connectionkit.sql;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Row;

import java.sql.ResultSet;
import java.sql.SQLException;
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
     * result under the columns' declared classes; in the rare case that the values read say
     * otherwise (SQLite, driver-specific types), the result is rebuilt with the classes they have.
     */
    QueryResult read(int maxRows) throws SQLException {
        ValueTypes types = new ValueTypes(shape.declared());
        List<Column> columns = shape.declaredColumns();
        QueryResult.Builder result = QueryResult.builder(columns);
        // Locals, not fields, in the loop that runs for every value: the JIT keeps them in registers.
        ResultSet rows = resultSet;
        ValueKind[] kinds = shape.kinds();
        boolean[] typeByValue = shape.typeByValue();
        Object[] row = new Object[kinds.length]; // reused: the builder keeps a copy of each row
        int read = 0;
        while (read < maxRows && !exhausted) {
            if (!rows.next()) {
                exhausted = true; // a forward-only result set may throw if asked again
                break;
            }
            for (int c = 0; c < kinds.length; c++) {
                Object value = kinds[c].read(rows, c + 1);
                row[c] = value;
                if (typeByValue[c]) {
                    types.add(c, value);
                }
            }
            result.addRow(row);
            read++;
        }
        QueryResult built = result.build();
        for (int c = 0; c < kinds.length; c++) {
            if (types.javaType(c, built) != columns.get(c).javaType()) {
                return retyped(built, columns(types, built));
            }
        }
        return built;
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

    /** Immutable, so that the result keeps it without a copy. */
    private List<Column> columns(ValueTypes types, QueryResult read) {
        Column[] columns = new Column[shape.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new Column(shape.label(c), types.javaType(c, read), shape.typeName(c));
        }
        return List.of(columns);
    }

    /**
     * The classes of the values read, column by column, noted as they are read: only whether all
     * share one class, which costs a comparison a value; the rare mixed column is looked at again.
     */
    private static final class ValueTypes {
        private final Class<?>[] declared;
        private final Class<?>[] shared;
        private final boolean[] mixed;

        ValueTypes(Class<?>[] declared) {
            this.declared = declared;
            shared = new Class<?>[declared.length];
            mixed = new boolean[declared.length];
        }

        void add(int column, Object value) {
            if (value != null && shared[column] != value.getClass()) {
                if (shared[column] == null) {
                    shared[column] = value.getClass();
                } else {
                    mixed[column] = true;
                }
            }
        }

        /**
         * The declared class if every value is one, else the class all values share, else
         * {@code Object}; {@code result} holds the values, for a column of mixed classes.
         */
        Class<?> javaType(int column, QueryResult result) {
            Class<?> type = declared[column];
            if (shared[column] == null) {
                return type != null ? type : Object.class; // no values
            }
            if (!mixed[column]) {
                return type != null && type.isAssignableFrom(shared[column]) ? type : shared[column];
            }
            if (type == null || result == null) {
                return Object.class;
            }
            for (Row row : result) {
                Object value = row.get(column);
                if (value != null && !type.isInstance(value)) {
                    return Object.class;
                }
            }
            return type;
        }
    }
}
