/**
 * What the connectors that run on Snowflake's JDBC driver share, so that none writes it twice:
 * {@link io.connectionkit.snowflake.driver.SnowflakeSettings} turns a configuration written with
 * the Python connector's keys into the driver's login, and {@link
 * io.connectionkit.snowflake.driver.SnowflakeFailures} says which of the driver's errors are worth
 * another attempt. Each connector decides where its configuration is found.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.snowflake.driver;

import org.jspecify.annotations.NullMarked;
