package io.connectionkit.snowflake.emulator;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The logged-in sessions and their tokens: a session token for each request, and a master token
 * that renews it. Either can be expired on purpose, as {@link Faults} does.
 */
final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicLong ids = new AtomicLong(1_000_000L + RANDOM.nextInt(1_000_000));
    private final Map<String, Session> bySessionToken = new HashMap<>();
    private final Map<String, Session> byMasterToken = new HashMap<>();

    /** A session's tokens as handed to the driver. */
    record Tokens(Session session, String sessionToken, String masterToken) {}

    synchronized Tokens open(String user, ZoneId timeZone) {
        Session session = new Session(ids.incrementAndGet(), user, timeZone);
        session.sessionToken = newToken();
        session.masterToken = newToken();
        bySessionToken.put(session.sessionToken, session);
        byMasterToken.put(session.masterToken, session);
        return new Tokens(session, session.sessionToken, session.masterToken);
    }

    /** The session a request's session token belongs to. */
    synchronized Session bySessionToken(String token) throws SnowflakeError {
        Session session = token == null ? null : bySessionToken.get(token);
        if (session == null) {
            throw sessionGone();
        }
        if (session.sessionTokenExpired) {
            // Snowflake answers this without data: the driver then renews and retries by itself.
            throw new SnowflakeError(
                    "390112", null, "Your session has expired. Please login again.");
        }
        return session;
    }

    /** Renews a session token with its master token, as the driver does on 390112. */
    synchronized Tokens renew(String masterToken, String oldSessionToken) throws SnowflakeError {
        Session session = masterToken == null ? null : byMasterToken.get(masterToken);
        if (session == null) {
            throw new SnowflakeError(
                    "390115",
                    "08001",
                    "Master token is invalid. The user must authenticate again.");
        }
        if (session.masterTokenExpired) {
            throw new SnowflakeError(
                    "390114",
                    "08001",
                    "Authentication token has expired.  The user must authenticate again.");
        }
        if (oldSessionToken != null && !oldSessionToken.equals(session.sessionToken)) {
            // A renewal another thread of the same connection already made: hand out the new token.
            return new Tokens(session, session.sessionToken, session.masterToken);
        }
        bySessionToken.remove(session.sessionToken);
        session.sessionToken = newToken();
        session.sessionTokenExpired = false;
        bySessionToken.put(session.sessionToken, session);
        return new Tokens(session, session.sessionToken, session.masterToken);
    }

    /** Ends a session; closed outside this registry's lock, as a statement of it may still run. */
    void close(String sessionToken) {
        Session session;
        synchronized (this) {
            session = sessionToken == null ? null : bySessionToken.remove(sessionToken);
            if (session != null) {
                byMasterToken.remove(session.masterToken);
            }
        }
        if (session != null) {
            session.close();
        }
    }

    synchronized void expireSessionTokens() {
        for (Session session : bySessionToken.values()) {
            session.sessionTokenExpired = true;
        }
    }

    /** Expires master and session tokens: the next request fails to renew, with 390114. */
    synchronized void expireMasterTokens() {
        for (Session session : bySessionToken.values()) {
            session.sessionTokenExpired = true;
            session.masterTokenExpired = true;
        }
    }

    void closeAll() {
        List<Session> all;
        synchronized (this) {
            all = new ArrayList<>(bySessionToken.values());
            bySessionToken.clear();
            byMasterToken.clear();
        }
        for (Session session : all) {
            session.close();
        }
    }

    static SnowflakeError sessionGone() {
        return new SnowflakeError(
                "390111",
                "08001",
                "Session no longer exists.  New login required to access the service.");
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "emulator-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
