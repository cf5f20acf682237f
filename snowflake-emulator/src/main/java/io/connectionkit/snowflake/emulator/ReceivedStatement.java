package io.connectionkit.snowflake.emulator;

/**
 * A statement the emulator received from a driver, as its log records it: so a test can check what
 * reached the server, and in how many requests (a batch arrives once, with all its rows).
 *
 * @param sql the statement text as sent
 * @param bindRows the rows of values bound to it: 0 without binds, 1 for a single execution, the
 *     batch size for an array-bound batch
 * @param sessionId the id of the session that sent it
 */
public record ReceivedStatement(String sql, int bindRows, String sessionId) {}
