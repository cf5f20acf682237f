package com.example.duckdb;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a DuckDB result set into a {@link QueryResult} of plain Java values that no caller can
 * change: a cached result is handed to every thread that asks for it.
 */
final class ResultRows {

    private ResultRows() {
    }

    static QueryResult read(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String sqlType = meta.getColumnTypeName(i);
            columns.add(new Column(meta.getColumnLabel(i), javaType(meta.getColumnClassName(i), sqlType), sqlType));
        }
        QueryResult.Builder result = QueryResult.builder(columns);
        Object[] values = new Object[columns.size()];
        while (rows.next()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = plain(rows.getObject(i + 1));
            }
            result.addRow(values);
        }
        return result.build();
    }

    /**
     * A value as a cached result may hold it, all the way down: a LIST or ARRAY as an
     * unmodifiable {@code List}, a MAP as an unmodifiable {@code Map}, a STRUCT as an unmodifiable
     * {@code Map} of field name to value in the struct's order, a BLOB as {@code byte[]}, JSON as
     * its text, and JDBC's dates and times as {@code java.time} values.
     */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object[] items = (Object[]) array.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (Object item : items) {
                list.add(plain(item));
            }
            return Collections.unmodifiableList(list); // List.copyOf refuses the NULLs a list may hold
        }
        if (value instanceof DuckDBStruct struct) {
            return plain(struct.getMap()); // JDBC's Struct gives values without their field names
        }
        if (value instanceof Map<?, ?> map) {
            // Map.copyOf would lose the order and refuse NULL values.
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(plain(entry.getKey()), plain(entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        if (value instanceof JsonNode json) {
            return json.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        }
        return value;
    }

    /** The class of the values {@link #plain} gives for a column the driver describes by {@code className}. */
    private static Class<?> javaType(String className, String sqlType) {
        if (className == null || sqlType.startsWith("UNION")) {
            return Object.class; // a UNION's values are of its members' types
        }
        switch (className) {
            case "java.sql.Timestamp":
                return LocalDateTime.class;
            case "java.sql.Date":
                return LocalDate.class;
            case "java.sql.Time":
                return LocalTime.class;
            default:
                break;
        }
        try {
            Class<?> type = Class.forName(className, false, ResultRows.class.getClassLoader());
            if (Array.class.isAssignableFrom(type)) {
                return List.class;
            }
            if (Struct.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
                return Map.class;
            }
            if (Blob.class.isAssignableFrom(type)) {
                return byte[].class;
            }
            if (JsonNode.class.isAssignableFrom(type)) {
                return String.class;
            }
            return type;
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }
}
