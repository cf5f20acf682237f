package io.connectionkit.snowflake.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the emulator misbehave the way a real Snowflake service or network can, so that a client's
 * error handling can be tested: expired tokens, failing or slow statements, lost answers.
 *
 * <p>Each fault applies to statements the driver sends from then on ({@code describe} requests,
 * which the driver sends to prepare a statement, are not counted). The same faults can be set over
 * HTTP: {@code POST /emulator/faults/...} on the emulator's port.
 */
public final class Faults {
    private final Sessions sessions;
    private final ConcurrentLinkedQueue<SnowflakeError> failures = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>();
    private final AtomicInteger drops = new AtomicInteger();

    Faults(Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Expires every session token now in use. The driver renews its token through its master token
     * and retries, so its caller sees no error.
     */
    public void expireSessionTokens() {
        sessions.expireSessionTokens();
    }

    /**
     * Expires every master token (and session token) now in use. The next statement of each session
     * fails with vendor code 390114 and SQL state 08001: the session must log in again.
     */
    public void expireMasterTokens() {
        sessions.expireMasterTokens();
    }

    /**
     * Answers the next {@code count} statements with an error instead of running them.
     *
     * @param count how many statements fail
     * @param code Snowflake's error code, such as {@code 000630}
     * @param sqlState the SQL state, such as {@code 57014}
     * @param message the error message
     */
    public void failNextQueries(int count, String code, String sqlState, String message) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
        for (int i = 0; i < count; i++) {
            failures.add(new SnowflakeError(code, sqlState, message));
        }
    }

    /**
     * Holds the next statement for {@code delay} before running it. An abort request (the driver's
     * {@code Statement.cancel()} or query timeout) ends it with error 000604, SQL execution
     * canceled.
     */
    public void delayNextQuery(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.delay.set(delay);
    }

    /**
     * Runs the next statement but closes the connection halfway through its answer, as a network
     * that fails after the server did the work.
     */
    public void dropNextAnswer() {
        drops.incrementAndGet();
    }

    /** Clears every fault not yet used; expired tokens stay expired. */
    public void clear() {
        failures.clear();
        delay.set(null);
        drops.set(0);
    }

    SnowflakeError nextFailure() {
        return failures.poll();
    }

    Duration nextDelay() {
        return delay.getAndSet(null);
    }

    boolean nextAnswerDropped() {
        return drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
