package io.connectionkit.snowflake;

import io.connectionkit.api.Column;
import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@link SnowflakeConnection#write}: the rows as columns of values, the statements that
 * create, empty and fill the table, run chunk by chunk. Values are bound, never written into the
 * SQL; names are written unquoted when they are plain identifiers (Snowflake folds them to upper
 * case, as it does the names in users' queries), else quoted.
 */
final class TableWriter {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** What the writer needs of the connection. */
    interface Statements {
        /** Runs one statement over maps of {@code :name} parameters as one batch; with none, once. */
        int[] run(String sql, List<? extends Map<String, ?>> rows);

        /** A query's rows, uncached. */
        QueryResult query(String sql);
    }

    private final String table;
    private final List<String> columns;
    private final List<Class<?>> declaredTypes;
    private final List<Object[]> rows;
    private final WriteOptions options;

    private TableWriter(String table, List<String> columns, List<Class<?>> declaredTypes, List<Object[]> rows,
                        WriteOptions options) {
        this.table = table;
        this.columns = columns;
        this.declaredTypes = declaredTypes;
        this.rows = rows;
        this.options = options;
    }

    static TableWriter of(String table, QueryResult result, WriteOptions options) {
        Objects.requireNonNull(result, "rows");
        List<Object[]> rows = new ArrayList<>(result.rowCount());
        for (int r = 0; r < result.rowCount(); r++) {
            Object[] row = new Object[result.columnCount()];
            for (int c = 0; c < row.length; c++) {
                row[c] = result.get(r, c);
            }
            rows.add(row);
        }
        return new TableWriter(checkedTable(table), result.columnNames(),
                result.columns().stream().<Class<?>>map(Column::javaType).toList(), rows, checked(options));
    }

    /** Rows as maps (every one with the same keys) or as records of one class. */
    static TableWriter of(String table, List<?> rows, WriteOptions options) {
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            return new TableWriter(checkedTable(table), List.of(), List.of(), List.of(), checked(options));
        }
        Object first = Objects.requireNonNull(rows.get(0), "rows hold null at 0");
        if (first instanceof Map<?, ?> map) {
            return ofMaps(checkedTable(table), rows, map, checked(options));
        }
        if (first instanceof Record record) {
            return ofRecords(checkedTable(table), rows, record.getClass(), checked(options));
        }
        throw new IllegalArgumentException("write(...) takes rows as maps of column to value or as records, not "
                + first.getClass().getName());
    }

    private static TableWriter ofMaps(String table, List<?> rows, Map<?, ?> first, WriteOptions options) {
        List<String> columns = new ArrayList<>();
        for (Object key : first.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("The keys of a row map are its column names, but row 0 has the key "
                        + (key == null ? "null" : "of class " + key.getClass().getName()));
            }
            columns.add(name);
        }
        Set<String> names = Set.copyOf(columns);
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            if (!(rows.get(r) instanceof Map<?, ?> map) || !map.keySet().equals(names)) {
                throw new IllegalArgumentException("Every row of a write needs the columns of the first, " + columns
                        + ", but row " + r + " has " + (rows.get(r) instanceof Map<?, ?> m ? m.keySet()
                        : rows.get(r) == null ? "null" : "a " + rows.get(r).getClass().getName()));
            }
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = map.get(columns.get(c));
            }
            values.add(row);
        }
        return new TableWriter(table, columns, nCopies(columns.size()), values, options);
    }

    private static TableWriter ofRecords(String table, List<?> rows, Class<?> type, WriteOptions options) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        List<String> columns = new ArrayList<>(components.length);
        List<Class<?>> types = new ArrayList<>(components.length);
        for (int c = 0; c < components.length; c++) {
            accessors[c] = components[c].getAccessor();
            accessors[c].trySetAccessible(); // a record of an application's own package need not be public
            columns.add(components[c].getName());
            types.add(components[c].getType());
        }
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Object row = rows.get(r);
            if (row == null || row.getClass() != type) {
                throw new IllegalArgumentException("Every row of a write needs to be a " + type.getName() + ", as the"
                        + " first is, but row " + r + " is " + (row == null ? "null" : "a " + row.getClass().getName()));
            }
            Object[] fields = new Object[components.length];
            for (int c = 0; c < fields.length; c++) {
                try {
                    fields[c] = accessors[c].invoke(row);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalArgumentException("Could not read " + columns.get(c) + " of " + type.getName()
                            + " for a write: make the record public", e);
                }
            }
            values.add(fields);
        }
        return new TableWriter(table, columns, types, values, options);
    }

    /**
     * Creates and empties the table as the options say, then writes the rows a chunk at a time.
     * The table is named in full, with the database and schema current when the write starts
     * unless the options give them: a session renewed halfway is back on the configured ones, and
     * every chunk must reach the same table. No rows: the table is still created when the columns
     * are typed (a {@code QueryResult}'s) and still emptied with {@code overwrite}.
     */
    WriteResult writeWith(Statements statements) {
        boolean typed = declaredTypes.stream().noneMatch(type -> type == Object.class) && !columns.isEmpty();
        if (rows.isEmpty() && !options.overwrite() && !(options.autoCreateTable() && typed)) {
            return new WriteResult(true, 0, 0);
        }
        String name = qualifiedName(statements);
        if (options.autoCreateTable() && (typed || !rows.isEmpty())) {
            statements.run((options.overwrite() ? "create or replace table " : "create table if not exists ") + name
                    + " (" + columnDefinitions() + ")", List.of());
        } else if (options.overwrite()) {
            statements.run("delete from " + name, List.of());
        }
        StringBuilder insert = new StringBuilder("insert into ").append(name).append(" (");
        StringBuilder values = new StringBuilder(") values (");
        for (int c = 0; c < columns.size(); c++) {
            insert.append(c == 0 ? "" : ", ").append(identifier(columns.get(c)));
            values.append(c == 0 ? "" : ", ").append(":c").append(c);
        }
        String sql = insert.append(values).append(')').toString();
        int chunks = 0;
        for (int start = 0; start < rows.size(); start += options.chunkSize()) {
            List<Object[]> chunk = rows.subList(start, Math.min(rows.size(), start + options.chunkSize()));
            List<Map<String, Object>> parameters = new ArrayList<>(chunk.size());
            for (Object[] row : chunk) {
                Map<String, Object> named = new HashMap<>(row.length * 2);
                for (int c = 0; c < row.length; c++) {
                    named.put("c" + c, row[c]);
                }
                parameters.add(named);
            }
            statements.run(sql, parameters);
            chunks++;
        }
        return new WriteResult(true, chunks, rows.size());
    }

    /** {@code "DB"."SCHEMA"."TABLE"}: the options' database and schema, else the session's current ones. */
    private String qualifiedName(Statements statements) {
        String database = options.database() == null ? null : identifier(options.database());
        String schema = options.schema() == null ? null : identifier(options.schema());
        if (database == null || schema == null) {
            QueryResult current = statements.query("select current_database() as db, current_schema() as sch");
            Object db = current.get(0, 0);
            Object sch = current.get(0, 1);
            database = database != null ? database : db == null ? null : quoted(db.toString());
            schema = schema != null ? schema : sch == null || options.database() != null ? null : quoted(sch.toString());
        }
        StringBuilder name = new StringBuilder();
        if (database != null) {
            name.append(database).append('.').append(schema == null ? "" : schema).append('.');
        } else if (schema != null) {
            name.append(schema).append('.');
        }
        return name.append(identifier(table)).toString();
    }

    private String columnDefinitions() {
        StringBuilder definitions = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            definitions.append(c == 0 ? "" : ", ").append(identifier(columns.get(c))).append(' ').append(snowflakeType(c));
        }
        return definitions.toString();
    }

    /**
     * The column's type: from its declared Java type, else from every value, widened where the
     * values differ (whole numbers and decimals to a decimal that holds them all, numbers and
     * floats to a float); text when all are null.
     */
    private String snowflakeType(int column) {
        Class<?> declared = declaredTypes.get(column);
        String type = declared == Object.class ? null : kindOf(declared, column);
        int integerDigits = 0;
        int scale = 0;
        for (Object[] row : rows) {
            Object value = row[column];
            if (value == null) {
                continue;
            }
            if (declared == Object.class) {
                type = widened(type, kindOf(value.getClass(), column), column);
            }
            if (value instanceof BigDecimal decimal) {
                scale = Math.max(scale, Math.max(0, decimal.scale()));
                integerDigits = Math.max(integerDigits, decimal.precision() - decimal.scale());
            } else if (value instanceof BigInteger || value instanceof Long) {
                integerDigits = Math.max(integerDigits, new BigDecimal(value.toString()).precision());
            }
        }
        if (type == null) {
            return "varchar";
        }
        if (type.equals("decimal")) {
            if (integerDigits + scale > 38) {
                throw new IllegalArgumentException("Column " + columns.get(column) + " holds decimals of " + integerDigits
                        + " digits before the point and " + scale + " after, more than Snowflake's NUMBER holds (38)");
            }
            return "number(38," + scale + ")";
        }
        return type.equals("integer") ? "number(38,0)" : type;
    }

    /** Two kinds of value in one column, as the one type that holds both. */
    private String widened(@Nullable String type, String other, int column) {
        if (type == null || type.equals(other)) {
            return other;
        }
        Set<String> both = Set.of(type, other);
        if (both.equals(Set.of("integer", "decimal"))) {
            return "decimal";
        }
        if (both.contains("float") && (both.contains("integer") || both.contains("decimal"))) {
            return "float";
        }
        throw new IllegalArgumentException("Column " + columns.get(column) + " holds both " + type + " and " + other
                + " values, which no one Snowflake type holds: create the table yourself, or convert the values");
    }

    /** {@code integer}, {@code decimal}, {@code float} or the Snowflake type of values of {@code javaType}. */
    private String kindOf(Class<?> javaType, int column) {
        Class<?> type = boxed(javaType);
        if (type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "integer";
        }
        if (type == BigDecimal.class) {
            return "decimal";
        }
        if (type == Double.class || type == Float.class) {
            return "float";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class || type == Character.class || type.isEnum()) {
            return "varchar";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == LocalTime.class) {
            return "time";
        }
        if (type == LocalDateTime.class) {
            return "timestamp_ntz";
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "timestamp_tz";
        }
        if (type == Instant.class) {
            return "timestamp_ltz";
        }
        if (type == byte[].class) {
            return "binary";
        }
        throw new IllegalArgumentException("Column " + columns.get(column) + " holds " + type.getName()
                + " values, for which write(...) has no Snowflake type: create the table yourself and leave"
                + " autoCreateTable off, or convert the values");
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "long" -> Long.class;
            case "int" -> Integer.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> type;
        };
    }

    /**
     * A name quoted, so that no name is taken for a keyword ({@code order}, {@code from}): a plain
     * one in upper case, as Snowflake folds it unquoted, so queries find it without quotes; any
     * other as it is, keeping its case.
     */
    static String identifier(String name) {
        return quoted(PLAIN_IDENTIFIER.matcher(name).matches() ? name.toUpperCase(Locale.ROOT) : name);
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String checkedTable(String table) {
        if (Objects.requireNonNull(table, "table").isBlank()) {
            throw new IllegalArgumentException("write(...) needs a table name");
        }
        return table;
    }

    private static WriteOptions checked(WriteOptions options) {
        return Objects.requireNonNull(options, "options");
    }

    private static List<Class<?>> nCopies(int n) {
        Class<?>[] types = new Class<?>[n];
        Arrays.fill(types, Object.class);
        return Arrays.asList(types);
    }
}
