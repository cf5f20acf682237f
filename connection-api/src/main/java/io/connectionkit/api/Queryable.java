package io.connectionkit.api;

/**
 * A connection that answers queries with a {@link QueryResult}, so that generic code (a CLI, a
 * test kit, a dashboard) can query any connector that can.
 */
public interface Queryable {

    /** Runs {@code sql} and caches its result until evicted, as Streamlit's {@code ttl=None}. */
    default QueryResult query(String sql) {
        return query(sql, QueryOptions.defaults());
    }

    /** Runs {@code sql} with the parameters, ttl and caching of {@code options}. */
    QueryResult query(String sql, QueryOptions options);
}
