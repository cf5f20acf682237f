package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SQLConnection on the MariaDB server of this machine (127.0.0.1:3306) passes the connector
 * testkit, logging in as a user made for each check whose password is the kit's secret.
 */
@Tag("db")
class MariaDbConnectorKitTest extends SqlConnectorKit {

    private static final String ROOT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private final List<String> users = new ArrayList<>();

    @Override
    public ConnectorConfig configuration(String secret) {
        String user = userWithPassword(secret);
        return ConnectorConfig.toml("""
                dialect = "mariadb"
                host = "127.0.0.1"
                port = 3306
                database = "test"
                username = "%s"
                password = "%s"
                retry_wait = 0
                """.formatted(user, secret));
    }

    /** A user of the server whose password is {@code secret}, made once for each secret and dropped after the check. */
    String userWithPassword(String secret) {
        String user = "ck_" + Integer.toHexString(secret.hashCode());
        if (!users.contains(user)) {
            // By the password's hash: the driver logs the statements it runs, and the kit reads those logs.
            admin("create user '" + user + "'@'%' identified by password '" + nativePasswordHash(secret) + "'",
                    "grant select on test.* to '" + user + "'@'%'");
            users.add(user);
        }
        return user;
    }

    @AfterEach
    void dropUsers() {
        for (String user : users) {
            admin("drop user if exists '" + user + "'@'%'");
        }
    }

    @Override
    public String parameterisedQuery() {
        return "select cast(:value as char(20)) as val";
    }

    @Override
    public String freshQuery() {
        return "select uuid() as id";
    }

    /** MariaDB's mysql_native_password hash: {@code *} and the upper-case hex of SHA-1(SHA-1(password)). */
    static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] twice = sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
            return "*" + HexFormat.of().withUpperCase().formatHex(twice);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void admin(String... statements) {
        try (Connection root = DriverManager.getConnection(ROOT_URL); Statement statement = root.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on 127.0.0.1:3306: " + e.getMessage(), e);
        }
    }
}
