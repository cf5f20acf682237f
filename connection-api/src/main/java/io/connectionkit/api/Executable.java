package io.connectionkit.api;

/**
 * A connection that runs statements which change data and return no rows ({@code insert},
 * {@code update}, DDL), beside {@link Queryable}, so that generic code (a CLI, a notebook) can run
 * any statement a user types, as {@code psql} does: {@link #returnsNoRows} says which way a text
 * goes, by the connector's own reading of its SQL.
 */
public interface Executable {

    /**
     * Whether {@code sql} returns no rows, as this connector reads it: a statement that changes data
     * and returns none, which {@link Queryable#query} refuses before it runs, or one that never
     * returns rows ({@code set}, {@code begin}, ...); {@link #execute} runs either. Read from the
     * text alone, as well as the connector can: a statement it cannot place is taken to return rows.
     *
     * @throws IllegalArgumentException when the text cannot be read (a {@code ?} beside a
     *         {@code :name} parameter, say)
     */
    boolean returnsNoRows(String sql);

    /**
     * Runs {@code sql}, never cached, with the {@code ?} arguments or {@code :name} parameters of
     * {@code options} (its ttl and caching do not apply), and returns the number of rows it
     * changed, as JDBC's {@code executeUpdate} counts them: 0 for a statement that changes none,
     * such as DDL.
     *
     * @throws QueryException the database's error
     */
    int execute(String sql, QueryOptions options);
}
