package io.connectionkit.api;

/**
 * A connection that answers queries with a {@link QueryResult}, so that generic code (a CLI, a
 * test kit, a dashboard) can query any connector that can.
 */
public interface Queryable {

    /**
     * Runs {@code sql} with {@link QueryOptions#defaults()}: its result is cached until evicted,
     * as with Streamlit's {@code ttl=None}, unless the registry sets a default ttl.
     */
    default QueryResult query(String sql) {
        return query(sql, QueryOptions.defaults());
    }

    /** Runs {@code sql} with the parameters, ttl and caching of {@code options}. */
    QueryResult query(String sql, QueryOptions options);
}
