package io.connectionkit.sql;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
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
    private boolean exhausted;

    private ResultReader(ResultSet resultSet, String[] labels, String[] typeNames, ValueKind[] kinds) {
        this.resultSet = resultSet;
        this.labels = labels;
        this.typeNames = typeNames;
        this.kinds = kinds;
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
                    : ValueKind.of(metaData.getColumnType(column), typeNames[c], metaData.getPrecision(column));
        }
        return new ResultReader(resultSet, labels, typeNames, kinds);
    }

    /** Reads the next {@code maxRows} rows, or as many as are left. */
    QueryResult read(int maxRows) throws SQLException {
        List<Object[]> rows = new ArrayList<>(Math.min(maxRows, 1024));
        while (rows.size() < maxRows && !exhausted) {
            if (!resultSet.next()) {
                exhausted = true; // a forward-only result set may throw if asked again
                break;
            }
            Object[] row = new Object[kinds.length];
            for (int c = 0; c < kinds.length; c++) {
                row[c] = kinds[c].read(resultSet, c + 1);
            }
            rows.add(row);
        }
        QueryResult.Builder result = QueryResult.builder(columns(rows));
        rows.forEach(result::addRow);
        return result.build();
    }

    /** Whether the last row has been read. */
    boolean exhausted() {
        return exhausted;
    }

    private List<Column> columns(List<Object[]> rows) {
        List<Column> columns = new ArrayList<>(kinds.length);
        for (int c = 0; c < kinds.length; c++) {
            Class<?> declared = kinds[c] == ValueKind.BY_VALUE
                    ? byValueType(typeNames[c])
                    : kinds[c].javaType();
            columns.add(new Column(labels[c], javaType(declared, rows, c), typeNames[c]));
        }
        return columns;
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

    /** The declared class if every value is one, else the class all values share, else {@code Object}. */
    private static Class<?> javaType(Class<?> declared, List<Object[]> rows, int column) {
        boolean allDeclared = declared != null;
        Class<?> shared = null;
        boolean mixed = false;
        for (Object[] row : rows) {
            Object value = row[column];
            if (value == null) {
                continue;
            }
            allDeclared &= declared != null && declared.isInstance(value);
            if (shared == null) {
                shared = value.getClass();
            } else if (shared != value.getClass()) {
                mixed = true;
            }
        }
        if (allDeclared) {
            return declared;
        }
        if (shared == null) {
            return Object.class; // no values, and no declared class
        }
        return mixed ? Object.class : shared;
    }
}
