package io.connectionkit.testkit;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.Queryable;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The query checks run only for connections that answer queries. */
final class Queries {

    private Queries() {
    }

    /** {@code connection} as a {@link Queryable}; skips the check when it is not one. */
    static Queryable queryable(BaseConnection<?> connection) {
        assumeTrue(connection instanceof Queryable, () -> connection.getClass().getName()
                + " is not Queryable; the query checks do not apply");
        return (Queryable) connection;
    }
}
