package com.example.duckdb;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;

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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Reads a DuckDB result set into a {@link QueryResult} of plain, immutable Java values. */
final class ResultRows {

    private ResultRows() {
    }

    static QueryResult read(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new Column(meta.getColumnLabel(i), javaType(meta.getColumnClassName(i)), meta.getColumnTypeName(i)));
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

    /** JDBC's mutable or driver-specific values as the immutable ones a cached result may hold. */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(plain(item));
            }
            return Collections.unmodifiableList(items);
        }
        if (value instanceof Struct struct) {
            return Collections.unmodifiableList(Arrays.asList(struct.getAttributes()));
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
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

    private static Class<?> javaType(String className) {
        if (className == null) {
            return Object.class;
        }
        switch (className) {
            case "java.sql.Timestamp":
                return LocalDateTime.class;
            case "java.sql.Date":
                return LocalDate.class;
            case "java.sql.Time":
                return LocalTime.class;
            case "java.sql.Blob":
                return byte[].class;
            default:
                break;
        }
        try {
            Class<?> type = Class.forName(className, false, ResultRows.class.getClassLoader());
            if (Array.class.isAssignableFrom(type) || Struct.class.isAssignableFrom(type)) {
                return List.class;
            }
            return type;
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }
}
