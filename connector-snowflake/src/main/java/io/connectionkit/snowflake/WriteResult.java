package io.connectionkit.snowflake;

/**
 * What {@link SnowflakeConnection#write} did, as Snowflake's {@code write_pandas} reports it.
 *
 * @param success whether every chunk was written (a failed chunk throws instead, so a result is always a success)
 * @param chunks  the statements it took, each one request to Snowflake
 * @param rows    the rows written
 */
public record WriteResult(boolean success, int chunks, long rows) {
}
