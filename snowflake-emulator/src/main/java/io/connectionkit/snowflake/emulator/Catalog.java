package io.connectionkit.snowflake.emulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's Snowflake databases, each an in-memory H2 database of its own (so that each has
 * its own schemas, PUBLIC first), and when each table was created, which SHOW TABLES reports.
 */
final class Catalog implements AutoCloseable {

    /** One Snowflake database. A database dropped and created again is a new instance. */
    static final class Database {
        private final String name;
        private final String url;
        private final Instant createdOn;
        private final Connection keeper;
        private final Map<String, Instant> tablesCreatedOn = new ConcurrentHashMap<>();
        private final Map<String, Instant> schemasCreatedOn = new ConcurrentHashMap<>();

        private Database(String name, String url, Instant createdOn) throws SQLException {
            this.name = name;
            this.url = url;
            this.createdOn = createdOn;
            this.keeper = DriverManager.getConnection(url, "sa", "");
            schemasCreatedOn.put("PUBLIC", createdOn);
        }

        String name() {
            return name;
        }

        Instant createdOn() {
            return createdOn;
        }

        /** A new H2 connection in UTC; the session sets its own time zone. */
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        void tableCreated(String schema, String table) {
            tablesCreatedOn.put(schema + "." + table, Instant.now());
        }

        Instant tableCreatedOn(String schema, String table) {
            return tablesCreatedOn.getOrDefault(schema + "." + table, createdOn);
        }

        void schemaCreated(String schema) {
            schemasCreatedOn.put(schema, Instant.now());
        }

        Instant schemaCreatedOn(String schema) {
            return schemasCreatedOn.getOrDefault(schema, createdOn);
        }

        private void shutdown() {
            try (Statement statement = keeper.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException alreadyClosed) {
                // Nothing left to free.
            }
        }
    }

    private final String instance = UUID.randomUUID().toString();
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, Database> databases = new LinkedHashMap<>();

    private Database scratch;

    /** Where a session without a current database runs what needs no table, such as SELECT 1. */
    synchronized Database scratch() throws SnowflakeError {
        if (scratch == null) {
            scratch = newDatabase("");
        }
        return scratch;
    }

    synchronized Database get(String name) {
        return name == null ? null : databases.get(name);
    }

    synchronized List<Database> all() {
        return new ArrayList<>(databases.values());
    }

    /**
     * Creates a database with its schema PUBLIC. Returns null when it exists and {@code
     * ifNotExists} asked to leave it.
     */
    synchronized Database create(String name, boolean orReplace, boolean ifNotExists)
            throws SnowflakeError {
        Database existing = databases.get(name);
        if (existing != null) {
            if (ifNotExists) {
                return null;
            }
            if (!orReplace) {
                throw SnowflakeError.alreadyExists(name);
            }
            databases.remove(name);
            existing.shutdown();
        }
        Database database = newDatabase(name);
        databases.put(name, database);
        return database;
    }

    private Database newDatabase(String name) throws SnowflakeError {
        String url =
                "jdbc:h2:mem:snowflake-emulator-"
                        + instance
                        + "-"
                        + counter.incrementAndGet()
                        // Snowflake sorts NULL above every value; KEY, VALUE and such are common
                        // column names
                        // there, not key words.
                        + ";DB_CLOSE_DELAY=-1;DEFAULT_NULL_ORDERING=HIGH"
                        + ";NON_KEYWORDS=KEY,VALUE,YEAR,MONTH,DAY,HOUR,MINUTE,SECOND";
        try {
            return new Database(name, url, Instant.now());
        } catch (SQLException e) {
            throw new SnowflakeError(
                    "000603", "XX000", "could not create database " + name + ": " + e.getMessage());
        }
    }

    /** Drops a database; false when there was none. */
    synchronized boolean drop(String name) {
        Database database = databases.remove(name);
        if (database == null) {
            return false;
        }
        database.shutdown();
        return true;
    }

    @Override
    public synchronized void close() {
        for (Database database : databases.values()) {
            database.shutdown();
        }
        databases.clear();
        if (scratch != null) {
            scratch.shutdown();
            scratch = null;
        }
    }
}
