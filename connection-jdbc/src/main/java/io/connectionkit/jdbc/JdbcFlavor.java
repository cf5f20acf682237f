package io.connectionkit.jdbc;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few ways a database or its driver must be handled differently, told from the connection's
 * metadata so that it holds whatever URL or pool the connection came from.
 */
enum JdbcFlavor {
    /** Dynamically typed: values are read by what they hold, and times are stored as text. */
    SQLITE,
    /** Streams a result only inside a transaction (autocommit off). */
    POSTGRESQL,
    /**
     * MySQL's Connector/J streams only with a fetch size of {@code Integer.MIN_VALUE}. Its
     * {@code TIME} is a duration of up to ±838 hours.
     */
    MYSQL_CONNECTOR_J,
    /** MariaDB's driver, to MariaDB or MySQL: streams with a positive fetch size; {@code TIME} as above. */
    MARIADB,
    /** Standard JDBC: H2 and the rest. */
    STANDARD;

    /**
     * Whether a connection whose statement a cancel did not end may be aborted: PostgreSQL's,
     * MariaDB's and MySQL's drivers then close its socket, which ends a read that waits on a
     * database or network gone quiet. Others do nothing (H2), refuse (DuckDB), or hold a native
     * handle that the statement still uses (SQLite).
     */
    boolean abortsStuckStatements() {
        return this == POSTGRESQL || this == MARIADB || this == MYSQL_CONNECTOR_J;
    }

    /**
     * The flavor of the driver behind {@code connection}. Asking the metadata costs on every
     * statement, so the answer is kept per class of physical connection (what a pool wraps).
     */
    static JdbcFlavor of(Connection connection) throws SQLException {
        Class<?> type = connection.unwrap(Connection.class).getClass();
        Known last = lastKnown;
        if (last != null && last.type().get() == type) {
            return last.flavor(); // most applications use one driver: cheaper than the ClassValue
        }
        JdbcFlavor[] known = BY_CONNECTION_CLASS.get(type);
        JdbcFlavor flavor = known[0];
        if (flavor == null) {
            flavor = fromMetaData(connection.getMetaData());
            known[0] = flavor; // a race only computes the same answer twice
        }
        lastKnown = new Known(new WeakReference<>(type), flavor);
        return flavor;
    }

    /** The flavor of the connection class asked about last; weakly, so a driver's class loader can go. */
    private record Known(WeakReference<Class<?>> type, JdbcFlavor flavor) {
    }

    private static volatile Known lastKnown;

    private static final ClassValue<JdbcFlavor[]> BY_CONNECTION_CLASS = new ClassValue<>() {
        @Override
        protected JdbcFlavor[] computeValue(Class<?> type) {
            return new JdbcFlavor[1];
        }
    };

    private static JdbcFlavor fromMetaData(DatabaseMetaData metaData) throws SQLException {
        String product = lower(metaData.getDatabaseProductName());
        if (product.contains("sqlite")) {
            return SQLITE;
        }
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (lower(metaData.getDriverName()).contains("mysql connector")) {
            return MYSQL_CONNECTOR_J;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        return STANDARD;
    }

    /** Whether values are normalized by what they hold rather than by the column's declared type. */
    boolean readsByValue() {
        return this == SQLITE;
    }

    /**
     * How to read a column of JDBC type {@code type}, named {@code typeName} by the database:
     * {@link ValueKind#of}, but by value on SQLite, and MySQL's {@code TIME} as a time of day or,
     * beyond one, a duration (the drivers would wrap {@code 25:00:00} round to {@code 01:00}).
     */
    ValueKind kindOf(int type, String typeName, int precision) {
        if (this == SQLITE) {
            return ValueKind.BY_VALUE;
        }
        ValueKind kind = ValueKind.of(type, typeName, precision);
        return kind == ValueKind.TIME && (this == MARIADB || this == MYSQL_CONNECTOR_J) ? ValueKind.TIME_OR_DURATION : kind;
    }

    /** Whether text bound as {@code Types.OTHER} is typed by the server from where it is used. */
    boolean infersTypesOfText() {
        return this == POSTGRESQL;
    }

    /** Whether the database has array types, which a {@code Collection} or Java array parameter is bound as. */
    boolean hasArrays() {
        return this == POSTGRESQL || this == STANDARD;
    }

    /** Whether {@code java.time} values are bound as ISO-8601 text rather than with {@code setObject}. */
    boolean bindsTimesAsText() {
        return this == SQLITE;
    }

    /** Whether a streamed read needs autocommit off to use a cursor rather than load every row. */
    boolean streamsOnlyInTransaction() {
        return this == POSTGRESQL;
    }

    /** The fetch size that makes the driver stream {@code chunkSize} rows at a time, or row by row. */
    int streamingFetchSize(int chunkSize) {
        return this == MYSQL_CONNECTOR_J ? Integer.MIN_VALUE : chunkSize;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
