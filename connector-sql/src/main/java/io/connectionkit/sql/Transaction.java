package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * Statements inside one transaction of {@link SQLConnection#transaction(TransactionWork)}. Nothing
 * run here is cached or retried, and everything is committed together or rolled back together.
 * Valid only inside the work it was given to.
 */
public interface Transaction {

    /** Runs a query with {@code :name} parameters or {@code ?} arguments from {@code options}. */
    QueryResult query(String sql, QueryOptions options);

    /** Runs a query without parameters. */
    default QueryResult query(String sql) {
        return query(sql, QueryOptions.noCache());
    }

    /** Runs an update with {@code :name} parameters; returns the update count. */
    int execute(String sql, Map<String, ?> params);

    /** Runs an update with {@code ?} arguments; returns the update count. */
    int execute(String sql, @Nullable Object... args);

    /** Runs an update once for each map of {@code :name} parameters, as one JDBC batch. */
    int[] batch(String sql, List<? extends Map<String, ?>> rows);

    /** The JDBC connection of this transaction, for what the methods above do not cover; do not close it. */
    Connection jdbcConnection();
}
