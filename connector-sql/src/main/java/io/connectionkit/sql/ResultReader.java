package io.connectionkit.sql;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import io.connectionkit.api.Row;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

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
    private final String[] labels;
    private final String[] typeNames;
    private final ValueKind[] kinds;
    private final Class<?>[] declared; // the class each kind reads, or null when only the values can tell
    private final boolean[] typeByValue; // whether the values' classes must be noted: see ValueKind.alwaysGivesJavaType
    private boolean exhausted;

    private ResultReader(ResultSet resultSet, String[] labels, String[] typeNames, ValueKind[] kinds) {
        this.resultSet = resultSet;
        this.labels = labels;
        this.typeNames = typeNames;
        this.kinds = kinds;
        declared = new Class<?>[kinds.length];
        typeByValue = new boolean[kinds.length];
        for (int c = 0; c < kinds.length; c++) {
            declared[c] = kinds[c] == ValueKind.BY_VALUE ? byValueType(typeNames[c]) : kinds[c].javaType();
            typeByValue[c] = !kinds[c].alwaysGivesJavaType();
        }
    }

    /** A reader of {@code resultSet}, positioned before its first row; does not close it. */
    static ResultReader of(ResultSet resultSet, JdbcFlavor flavor) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int count = metaData.getColumnCount();
        String[] labels = new String[count];
        String[] typeNames = new String[count];
        ValueKind[] kinds = new ValueKind[count];
        for (int c = 0; c < count; c++) {
            int column = c + 1;
            labels[c] = metaData.getColumnLabel(column);
            typeNames[c] = metaData.getColumnTypeName(column);
            kinds[c] = flavor.readsByValue()
                    ? ValueKind.BY_VALUE
                    : kind(metaData, column, typeNames[c]);
        }
        return new ResultReader(resultSet, labels, typeNames, kinds);
    }

    /** Asks for the precision only where it decides the kind: metadata calls cost on every query. */
    private static ValueKind kind(ResultSetMetaData metaData, int column, String typeName) throws SQLException {
        int type = metaData.getColumnType(column);
        return ValueKind.of(type, typeName, type == java.sql.Types.BIT ? metaData.getPrecision(column) : 0);
    }

    /**
     * Reads the next {@code maxRows} rows, or as many as are left. Rows go straight into the
     * result under the columns' declared classes; in the rare case that the values read say
     * otherwise (SQLite, driver-specific types), the result is rebuilt with the classes they have.
     */
    QueryResult read(int maxRows) throws SQLException {
        ValueTypes types = new ValueTypes(declared);
        List<Column> columns = columns(types, null);
        QueryResult.Builder result = QueryResult.builder(columns);
        // Locals, not fields, in the loop that runs for every value: the JIT keeps them in registers.
        ResultSet rows = resultSet;
        ValueKind[] kinds = this.kinds;
        boolean[] typeByValue = this.typeByValue;
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
        Column[] columns = new Column[kinds.length];
        for (int c = 0; c < kinds.length; c++) {
            columns[c] = new Column(labels[c], types.javaType(c, read), typeNames[c]);
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

    /**
     * For SQLite, the class a column's values take when its declared type says which: used only
     * when the chunk holds no value to tell.
     */
    private static Class<?> byValueType(String typeName) {
        String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        // SQLite's own affinity rules, in its order.
        if (name.contains("INT")) {
            return Long.class;
        }
        if (name.contains("CHAR") || name.contains("CLOB") || name.contains("TEXT")) {
            return String.class;
        }
        if (name.contains("BLOB")) {
            return byte[].class;
        }
        if (name.contains("REAL") || name.contains("FLOA") || name.contains("DOUB")) {
            return Double.class;
        }
        return null;
    }

}
