/**
 * What every JDBC connector needs, shared so that none writes it twice: {@link
 * io.connectionkit.jdbc.JdbcQueries} runs statements with {@code :name} and {@code ?} parameters,
 * reads rows into a {@link io.connectionkit.api.QueryResult}, bounds each statement by its
 * timeout, cancels it on interrupt and retries what is safe to retry; the connector supplies its
 * connections and says which of its driver's errors are transient ({@link
 * io.connectionkit.jdbc.ConnectionSource}).
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.jdbc;

import org.jspecify.annotations.NullMarked;
