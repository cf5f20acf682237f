package io.connectionkit.snowflake.emulator;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements under way, so that the driver's abort request, SYSTEM$CANCEL_ALL_QUERIES and
 * SYSTEM$CANCEL_QUERY can end them. A statement is here from the moment its request arrives, also
 * while it waits for its session's earlier statement to end.
 */
final class RunningQueries {
    private final Set<RunningQuery> underWay = ConcurrentHashMap.newKeySet();

    void started(RunningQuery query) {
        underWay.add(query);
    }

    void ended(RunningQuery query) {
        underWay.remove(query);
    }

    /** Cancels the statement of a request (and of a retry of it still under way). */
    void abortRequest(String requestId) {
        for (RunningQuery query : underWay) {
            if (Objects.equals(query.requestId(), requestId)) {
                query.cancel();
            }
        }
    }

    /**
     * Cancels every statement of a session but {@code except} (the statement asking).
     *
     * @return how many it cancelled
     */
    int cancelSession(long sessionId, RunningQuery except) {
        int count = 0;
        for (RunningQuery query : underWay) {
            if (query != except && query.sessionId() == sessionId) {
                query.cancel();
                count++;
            }
        }
        return count;
    }

    /** Cancels the statement with this query id; false when none is under way. */
    boolean cancelQuery(String queryId) {
        boolean found = false;
        for (RunningQuery query : underWay) {
            if (query.queryId() != null && query.queryId().equalsIgnoreCase(queryId)) {
                query.cancel();
                found = true;
            }
        }
        return found;
    }
}
