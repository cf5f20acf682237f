package io.connectionkit.snowflake;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * How {@link SnowflakeConnection#write} writes: rows per statement, whether it creates the table
 * or replaces its rows, and where the table is (the connection's database and schema unless
 * given). Immutable; each method returns options that keep everything else.
 *
 * <pre>{@code
 * snow.write("PETS", rows, WriteOptions.defaults().chunkSize(5_000).autoCreateTable(true));
 * }</pre>
 *
 * @param chunkSize       the rows of one statement, sent as one request (10,000 by default)
 * @param autoCreateTable create the table when it does not exist, its columns typed by their values
 * @param overwrite       replace the table's rows with these; with {@code autoCreateTable}, the table itself
 * @param database        the table's database, or {@code null} for the connection's
 * @param schema          the table's schema, or {@code null} for the connection's
 */
public record WriteOptions(int chunkSize, boolean autoCreateTable, boolean overwrite, @Nullable String database,
                           @Nullable String schema) {

    /** Rows of one statement unless set: large enough to make few requests, small enough to keep one request's JSON modest. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    public WriteOptions {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
    }

    /** 10,000 rows a statement, into an existing table, added to its rows. */
    public static WriteOptions defaults() {
        return new WriteOptions(DEFAULT_CHUNK_SIZE, false, false, null, null);
    }

    public WriteOptions chunkSize(int chunkSize) {
        return new WriteOptions(chunkSize, autoCreateTable, overwrite, database, schema);
    }

    public WriteOptions autoCreateTable(boolean autoCreateTable) {
        return new WriteOptions(chunkSize, autoCreateTable, overwrite, database, schema);
    }

    public WriteOptions overwrite(boolean overwrite) {
        return new WriteOptions(chunkSize, autoCreateTable, overwrite, database, schema);
    }

    public WriteOptions database(String database) {
        return new WriteOptions(chunkSize, autoCreateTable, overwrite, Objects.requireNonNull(database, "database"), schema);
    }

    public WriteOptions schema(String schema) {
        return new WriteOptions(chunkSize, autoCreateTable, overwrite, database, Objects.requireNonNull(schema, "schema"));
    }
}
