/**
 * A local Snowflake-compatible server for tests: {@link
 * io.connectionkit.snowflake.emulator.SnowflakeEmulator} answers the real Snowflake JDBC driver on
 * 127.0.0.1 and keeps its data in in-memory H2 databases; {@link
 * io.connectionkit.snowflake.emulator.Faults} makes it misbehave on purpose.
 */
package io.connectionkit.snowflake.emulator;
