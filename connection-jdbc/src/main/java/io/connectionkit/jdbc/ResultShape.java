package io.connectionkit.jdbc;

import io.connectionkit.api.Column;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The columns of a result as its metadata describes them, and how to read each. The metadata is
 * asked on every query, so that a changed table is seen at once; what follows from it is worked
 * out again only when it differs from the statement's last result.
 */
final class ResultShape {

    private final JdbcFlavor flavor;
    private final String[] labels;
    private final String[] typeNames;
    private final int[] types;
    private final int[] precisions; // asked only of BIT columns, where it decides the kind
    private final ValueKind[] kinds;
    private final Class<?>[] declared; // the class each kind reads, or null when only the values can tell
    private final boolean[] typeByValue; // whether the values' classes must be noted: see ValueKind.alwaysGivesJavaType
    private final List<Column> declaredColumns;

    private ResultShape(JdbcFlavor flavor, String[] labels, String[] typeNames, int[] types, int[] precisions) {
        this.flavor = flavor;
        boolean byValue = flavor.readsByValue();
        this.labels = labels;
        this.typeNames = typeNames;
        this.types = types;
        this.precisions = precisions;
        int count = labels.length;
        kinds = new ValueKind[count];
        declared = new Class<?>[count];
        typeByValue = new boolean[count];
        Column[] columns = new Column[count];
        for (int c = 0; c < count; c++) {
            kinds[c] = flavor.kindOf(types[c], typeNames[c], precisions[c]);
            declared[c] = byValue ? byValueType(typeNames[c]) : kinds[c].javaType();
            typeByValue[c] = !kinds[c].alwaysGivesJavaType();
            columns[c] = new Column(labels[c], declared[c] != null ? declared[c] : Object.class, typeNames[c]);
        }
        declaredColumns = List.of(columns);
    }

    /**
     * The shape of the columns {@code metaData} describes: {@code last} itself when they are the
     * same as its columns, read the same way.
     */
    static ResultShape of(ResultSetMetaData metaData, JdbcFlavor flavor, ResultShape last) throws SQLException {
        int count = metaData.getColumnCount();
        if (last != null && last.flavor == flavor && last.labels.length == count && last.describes(metaData)) {
            return last; // the common case, compared as it is read: nothing to allocate
        }
        String[] labels = new String[count];
        String[] typeNames = new String[count];
        int[] types = new int[count];
        int[] precisions = new int[count];
        for (int c = 0; c < count; c++) {
            int column = c + 1;
            labels[c] = metaData.getColumnLabel(column);
            typeNames[c] = metaData.getColumnTypeName(column);
            types[c] = metaData.getColumnType(column);
            precisions[c] = types[c] == Types.BIT ? metaData.getPrecision(column) : 0;
        }
        return new ResultShape(flavor, labels, typeNames, types, precisions);
    }

    /** Whether {@code metaData}, of as many columns as this shape, gives each the same label and type. */
    private boolean describes(ResultSetMetaData metaData) throws SQLException {
        for (int c = 0; c < labels.length; c++) {
            int column = c + 1;
            int type = metaData.getColumnType(column);
            if (type != types[c] || !Objects.equals(labels[c], metaData.getColumnLabel(column))
                    || !Objects.equals(typeNames[c], metaData.getColumnTypeName(column))
                    || type == Types.BIT && metaData.getPrecision(column) != precisions[c]) {
                return false;
            }
        }
        return true;
    }

    int columnCount() {
        return kinds.length;
    }

    /** Shared by every reader of this shape: do not change. */
    ValueKind[] kinds() {
        return kinds;
    }

    /** Shared by every reader of this shape: do not change. */
    Class<?>[] declared() {
        return declared;
    }

    /** Shared by every reader of this shape: do not change. */
    boolean[] typeByValue() {
        return typeByValue;
    }

    /** The columns under the classes their kinds read: a result's columns unless its values say otherwise. */
    List<Column> declaredColumns() {
        return declaredColumns;
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
