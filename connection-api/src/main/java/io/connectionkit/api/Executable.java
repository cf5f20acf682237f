package io.connectionkit.api;

/**
 * A connection that runs statements which change data and return no rows ({@code insert},
 * {@code update}, DDL), beside {@link Queryable}, so that generic code (a CLI, a notebook) can run
 * any statement a user types, as {@code psql} does: {@link #returnsNoRows} says which way a text
 * goes, by the connector's own reading of its SQL.
 */
public interface Executable {

    /**
     * Whether {@code sql} has a statement that changes data and returns no rows: what
     * {@link Queryable#query} refuses before it runs, and {@link #execute} runs.
     *
     * @throws IllegalArgumentException when the text cannot be read (a {@code ?} beside a
     *         {@code :name} parameter, say)
     */
    boolean returnsNoRows(String sql);

    /**
     * Runs {@code sql}, never cached, with the {@code ?} arguments or {@code :name} parameters of
     * {@code options} (its ttl and caching do not apply), and returns the number of rows it
     * changed: 0 for a statement that changes none, such as DDL.
     *
     * @throws QueryException the database's error
     */
    long execute(String sql, QueryOptions options);
}
