/**
 * Type {@code sql}: any JDBC database through a HikariCP pool, configured as Streamlit's
 * {@code SQLConnection} is. {@link io.connectionkit.sql.SQLConnection} is the connection;
 * {@link io.connectionkit.sql.SQLConnectionProvider} registers it.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.sql;

import org.jspecify.annotations.NullMarked;
