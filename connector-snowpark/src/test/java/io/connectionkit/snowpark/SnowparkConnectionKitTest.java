package io.connectionkit.snowpark;

import com.snowflake.snowpark_java.Session;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.snowflake.emulator.SnowflakeEmulator;
import io.connectionkit.testkit.ConnectorConfig;
import io.connectionkit.testkit.ConnectorTestKit;
import org.junit.jupiter.api.AfterAll;

import java.sql.SQLException;

/**
 * SnowparkConnection passes the connector testkit against the emulator, through Snowpark and the
 * real driver; each secret the kit makes is the password of a user of its own.
 */
class SnowparkConnectionKitTest implements ConnectorTestKit<SnowparkConnection> {

    private static final SnowflakeEmulator EMULATOR = SnowflakeEmulator.builder().database("PETS").start();

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Override
    public Class<SnowparkConnection> connectionClass() {
        return SnowparkConnection.class;
    }

    @Override
    public ConnectorConfig configuration(String secret) {
        String user = "kit_" + Integer.toHexString(secret.hashCode());
        EMULATOR.addUser(user, secret);
        return ConnectorConfig.toml(section(user, secret, String.valueOf(EMULATOR.port())));
    }

    private static String section(String user, String password, String port) {
        return """
                account = "%s"
                user = "%s"
                password = "%s"
                host = "127.0.0.1"
                port = %s
                protocol = "http"
                database = "PETS"
                retry_wait = 0
                """.formatted(EMULATOR.account(), user, password, port);
    }

    @Override
    public ConnectorConfig invalidConfiguration(String secret) {
        return ConnectorConfig.toml(section("kit", secret, "\"not a port\""));
    }

    @Override
    public String invalidConfigurationKey() {
        return "port";
    }

    /** A closed session has closed its JDBC connection. */
    @Override
    public boolean isReleased(Object client) {
        try {
            return ((Session) client).jdbcConnection().isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String rowsQuery() {
        return "select 1 as one";
    }

    @Override
    public String parameterisedQuery() {
        return "select cast(? as varchar(20)) as val";
    }

    @Override
    public QueryOptions withParameter(QueryOptions options, String value) {
        return options.args(value);
    }

    @Override
    public String freshQuery() {
        return "select random() as r";
    }
}
