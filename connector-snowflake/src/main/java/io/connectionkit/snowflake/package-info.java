/**
 * Type {@code snowflake}: Snowflake through its JDBC driver, configured as Streamlit's
 * {@code SnowflakeConnection} is. {@link io.connectionkit.snowflake.SnowflakeConnection} is the
 * connection; {@link io.connectionkit.snowflake.SnowflakeConnectionProvider} registers it.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.snowflake;

import org.jspecify.annotations.NullMarked;
