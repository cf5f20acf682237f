package io.connectionkit.snowflake.driver;

import io.connectionkit.api.QueryException;
import io.connectionkit.jdbc.FailureKind;

import java.sql.SQLException;
import java.util.Set;

/** What the Snowflake driver's errors mean for another attempt, for every connector that runs on the driver. */
public final class SnowflakeFailures {

    /** Session and token expiry (Streamlit's retry codes), a session gone (390111), the network failing (the driver's 200015). */
    private static final Set<Integer> SESSION_LOST = Set.of(390110, 390111, 390112, 390113, 390114, 390115, 390400, 200015);
    /** The driver's own refusal of a statement on a connection that is closed: nothing was sent. */
    private static final int CONNECTION_CLOSED = 200052;

    private SnowflakeFailures() {
    }

    /**
     * What {@code error} means. The driver refused a statement on a closed connection before
     * sending it: {@link FailureKind#NOT_RUN}. An expired session or token, a session gone, or the
     * network failing (the driver's 200015, SQL state 58030) lose the session, and a statement may
     * have started before that: {@link FailureKind#CONNECTION_LOST}, so that a query that only
     * reads is sent again on a new session and a write is not. A refused login (390100 and the
     * other 390 codes, although Snowflake gives them SQL state 08001) and anything else:
     * {@link FailureKind#PERMANENT}.
     */
    public static FailureKind classify(SQLException error) {
        int code = 0;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() != 0) {
                code = e.getErrorCode();
                break;
            }
        }
        if (code == CONNECTION_CLOSED) {
            return FailureKind.NOT_RUN;
        }
        if (SESSION_LOST.contains(code)) {
            return FailureKind.CONNECTION_LOST;
        }
        if (code >= 390000 && code < 391000) {
            return FailureKind.PERMANENT;
        }
        return QueryException.isTransient(error) ? FailureKind.CONNECTION_LOST : FailureKind.PERMANENT;
    }
}
