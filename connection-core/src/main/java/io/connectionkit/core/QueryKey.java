package io.connectionkit.core;

import io.connectionkit.api.QueryOptions;

import java.util.Objects;

/**
 * What identifies one cached query result: the connection's scope, the statement and the options it
 * runs with (their values, arrays by content, and ttl: see {@link QueryOptions#equals}). Two keys
 * are equal only when a database would see the same statement with the same values from the same
 * connection. Options are immutable and keep their hash, so a key is cheap to make. The effective
 * ttl is no part of it: within one cache it follows from the options' own. So an explicit ttl equal
 * to the registry's default is an entry of its own beside the default's: one more load, never a
 * result shared wrongly.
 *
 * @param scope   the connection's view of the cache, compared by identity
 * @param sql     the statement as written
 * @param options the parameter values and ttl as given
 */
record QueryKey(Object scope, String sql, QueryOptions options) {

    QueryKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryKey other && scope == other.scope && sql.equals(other.sql) && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return (System.identityHashCode(scope) * 31 + sql.hashCode()) * 31 + options.hashCode();
    }

    /** Names the statement and the parameters, never their values, which may be private. */
    @Override
    public String toString() {
        return "QueryKey[sql=" + sql + ", params=" + options.parameters().keySet() + ", args="
                + options.arguments().size() + ", ttl=" + options.timeToLive().map(Object::toString).orElse("default") + "]";
    }
}
