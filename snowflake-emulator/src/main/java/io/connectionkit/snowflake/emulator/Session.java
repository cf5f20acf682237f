package io.connectionkit.snowflake.emulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one login holds: its tokens, its current database, schema, warehouse and role, its
 * parameters, and an H2 connection for each database it has used (so its temporary tables and
 * transactions are its own).
 */
final class Session {
    private final long id;
    private final String user;
    private final ZoneId timeZone;
    private final SessionParameters parameters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Catalog.Database, Connection> connections = new HashMap<>();
    private final Map<Connection, String> schemaOfConnection = new HashMap<>();

    private volatile String database;
    private volatile String schema;
    private volatile String warehouse;
    private volatile String role;
    private boolean autoCommit = true;
    private boolean inTransaction;

    // Guarded by the Sessions registry.
    String sessionToken;
    String masterToken;
    boolean sessionTokenExpired;
    boolean masterTokenExpired;

    Session(long id, String user, ZoneId timeZone) {
        this.id = id;
        this.user = user;
        this.timeZone = timeZone;
        this.parameters = new SessionParameters(timeZone);
    }

    long id() {
        return id;
    }

    String user() {
        return user;
    }

    ZoneId timeZone() {
        return timeZone;
    }

    /** Its parameters, as the login answer, SHOW PARAMETERS and ALTER SESSION see them. */
    SessionParameters parameters() {
        return parameters;
    }

    String database() {
        return database;
    }

    String schema() {
        return schema;
    }

    String warehouse() {
        return warehouse;
    }

    String role() {
        return role;
    }

    void useDatabase(String name, String newSchema) {
        database = name;
        schema = newSchema;
    }

    void useSchema(String name) {
        schema = name;
    }

    void useWarehouse(String name) {
        warehouse = name;
    }

    void useRole(String name) {
        role = name;
    }

    /** Statements of one session run one at a time, as on one H2 connection they must. */
    ReentrantLock lock() {
        return lock;
    }

    void autoCommit(boolean on) throws SQLException {
        autoCommit = on;
        applyAutoCommit();
    }

    /** BEGIN: what follows commits only with COMMIT, on every database the session touches. */
    void begin() throws SQLException {
        inTransaction = true;
        applyAutoCommit();
    }

    void commit() throws SQLException {
        for (Connection connection : connections.values()) {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.commit();
            }
        }
        inTransaction = false;
        applyAutoCommit();
    }

    void rollback() throws SQLException {
        for (Connection connection : connections.values()) {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        }
        inTransaction = false;
        applyAutoCommit();
    }

    private void applyAutoCommit() throws SQLException {
        for (Connection connection : connections.values()) {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit && !inTransaction);
            }
        }
    }

    /** This session's connection to {@code db}, in {@code inSchema} when that is not null. */
    Connection connection(Catalog.Database db, String inSchema) throws SQLException {
        Connection connection = connections.get(db);
        if (connection == null || connection.isClosed()) {
            connection = db.connect();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE '" + timeZone.getId().replace("'", "''") + "'");
            }
            connection.setAutoCommit(autoCommit && !inTransaction);
            connections.put(db, connection);
            schemaOfConnection.put(connection, "PUBLIC");
        }
        if (inSchema != null && !inSchema.equals(schemaOfConnection.get(connection))) {
            connection.setSchema(inSchema);
            schemaOfConnection.put(connection, inSchema);
        }
        return connection;
    }

    /** Makes the next statement on {@code db} set its schema again, as the last one was dropped. */
    void invalidateSchema(Catalog.Database db) {
        Connection connection = connections.get(db);
        if (connection != null) {
            schemaOfConnection.put(connection, "");
        }
    }

    /** Forgets what this session knew of a dropped database. */
    void forget(Catalog.Database db) {
        Connection connection = connections.remove(db);
        if (connection != null) {
            schemaOfConnection.remove(connection);
        }
        if (db.name().equals(database)) {
            database = null;
            schema = null;
        }
    }

    void close() {
        lock.lock();
        try {
            for (Connection connection : connections.values()) {
                try {
                    connection.close();
                } catch (SQLException alreadyClosed) {
                    // Its database was dropped.
                }
            }
            connections.clear();
            schemaOfConnection.clear();
        } finally {
            lock.unlock();
        }
    }
}
