package io.connectionkit.snowflake.emulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Connections through the real Snowflake driver, as an application opens them. */
final class Jdbc {
    private Jdbc() {}

    /** Connection properties every test connection has; more as name, value pairs. */
    static Properties properties(String user, String... more) {
        Properties properties = new Properties();
        properties.put("user", user);
        // Never probe cloud metadata addresses from a test.
        properties.put("disablePlatformDetection", "true");
        for (int i = 0; i + 1 < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    static Connection connect(
            SnowflakeEmulator emulator, String user, String password, String... more)
            throws SQLException {
        Properties properties = properties(user, more);
        properties.put("password", password);
        return DriverManager.getConnection(emulator.jdbcUrl(), properties);
    }

    static Connection connect(SnowflakeEmulator emulator, Properties properties)
            throws SQLException {
        return DriverManager.getConnection(emulator.jdbcUrl(), properties);
    }
}
