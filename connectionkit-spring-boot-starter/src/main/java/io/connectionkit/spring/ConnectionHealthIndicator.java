package io.connectionkit.spring;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.ConfiguredConnection;
import io.connectionkit.core.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The health of one configured connection: asks the registry for it (creating it on the first
 * check), and when its client is a {@link DataSource} borrows a JDBC connection and checks it with
 * {@link Connection#isValid(int)}; any other client is up once open. A table without a type is
 * unknown: only the code that asks for it tells its type. Details: the connection's
 * type and where it was configured; when down, the error's class and message with the connection's
 * secrets masked. Never a value of the configuration.
 */
final class ConnectionHealthIndicator implements HealthIndicator {

    private final ConnectionRegistry registry;
    private final ConfiguredConnection configured;
    private final int validationSeconds;

    ConnectionHealthIndicator(ConnectionRegistry registry, ConfiguredConnection configured, Duration validationTimeout) {
        this.registry = registry;
        this.configured = configured;
        // JDBC counts whole seconds, and 0 would mean no bound at all
        this.validationSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                validationTimeout.plusNanos(999_999_999).getSeconds()));
    }

    @Override
    public Health health() {
        if (configured.type() == null) {
            // Only the code that asks for it says its type: asked for without one, it could only fail.
            return details(Health.unknown(), null)
                    .withDetail("reason", "no type in its table; the application gives it where it asks for the connection")
                    .build();
        }
        BaseConnection<?> connection = null;
        try {
            connection = registry.get(configured.name());
            Object client = connection.instance();
            if (client instanceof DataSource dataSource && !isValid(dataSource)) {
                return details(Health.down(), connection)
                        .withDetail("error", "The database did not confirm a connection of the pool valid within "
                                + validationSeconds + " s")
                        .build();
            }
            return details(Health.up(), connection).build();
        } catch (Exception e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            String masked = (connection != null ? connection.config() : configured.config()).mask(message);
            return details(Health.down(), connection)
                    .withDetail("error", e.getClass().getName() + masked)
                    .build();
        }
    }

    /**
     * Borrows a connection, waiting at most the pool's own timeout, and asks the driver whether it
     * is valid. Giving back one found invalid may fail too: that is not the answer.
     */
    private boolean isValid(DataSource dataSource) throws SQLException {
        Connection jdbc = dataSource.getConnection();
        boolean valid = false;
        try {
            valid = jdbc.isValid(validationSeconds);
        } finally {
            try {
                jdbc.close();
            } catch (SQLException e) {
                if (valid) {
                    throw e;
                }
            }
        }
        return valid;
    }

    private Health.Builder details(Health.Builder health, @Nullable BaseConnection<?> connection) {
        String type = connection != null ? connection.type() : configured.type();
        if (type != null) {
            health.withDetail("type", type);
        }
        return health.withDetail("source", (connection != null ? connection.config().source() : configured.source()).toString());
    }
}
