package io.connectionkit.sql;

import com.zaxxer.hikari.HikariConfig;

/** How the connection pool is sized and kept: SQLAlchemy's engine arguments, mapped to HikariCP. */
record PoolSettings() {

    /** Applies these settings to {@code config}. */
    void applyTo(HikariConfig config) {
        throw new UnsupportedOperationException("TODO");
    }
}
