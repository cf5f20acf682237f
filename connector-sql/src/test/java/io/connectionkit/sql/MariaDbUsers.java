package io.connectionkit.sql;

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
 * Users of the MariaDB server of this machine (127.0.0.1:3306), each with a password, made by the
 * password's hash (the driver logs the statements it runs, and tests read those logs) and dropped
 * by {@link #dropAll()}.
 */
final class MariaDbUsers {

    private static final String ROOT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private final List<String> users = new ArrayList<>();

    /** User {@code name} with {@code password} and reading rights on {@code test}; made once per name. */
    String withPassword(String name, String password) {
        if (!users.contains(name)) {
            admin("create user '" + name + "'@'%' identified by password '" + nativePasswordHash(password) + "'",
                    "grant select on test.* to '" + name + "'@'%'");
            users.add(name);
        }
        return name;
    }

    void dropAll() {
        for (String user : users) {
            admin("drop user if exists '" + user + "'@'%'");
        }
        users.clear();
    }

    /** MariaDB's mysql_native_password hash: {@code *} and the upper-case hex of SHA-1(SHA-1(password)). */
    private static String nativePasswordHash(String password) {
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
