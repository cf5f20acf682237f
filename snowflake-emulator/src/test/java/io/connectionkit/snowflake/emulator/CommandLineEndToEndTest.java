package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineEndToEndTest {

    @Test
    void servesTheUsersKeysAndDatabasesItsFlagsName(@TempDir Path directory) throws Exception {
        KeyPair daveKeys = KeyPairs.generate();
        Path daveKey = KeyPairs.writePem(directory.resolve("dave.pub"), daveKeys.getPublic());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();

        int status =
                EmulatorCommand.run(
                        new String[] {
                            "--port",
                            Integer.toString(port),
                            "--account",
                            "CLI",
                            "--user",
                            "carol:pa:ss",
                            "--user-key",
                            "dave:" + daveKey,
                            "--database",
                            "FARM"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err,
                        emulator -> {
                            try (Connection carol =
                                            Jdbc.connect(emulator, "carol", "pa:ss", "db", "FARM");
                                    Statement statement = carol.createStatement();
                                    ResultSet rows =
                                            statement.executeQuery(
                                                    "select current_user(), current_database(), current_account()")) {
                                rows.next();
                                seen.add(
                                        rows.getString(1)
                                                + " "
                                                + rows.getString(2)
                                                + " "
                                                + rows.getString(3));
                                Properties dave = Jdbc.properties("dave");
                                dave.put("privateKey", daveKeys.getPrivate());
                                try (Connection connection = Jdbc.connect(emulator, dave)) {
                                    seen.add("dave " + connection.isValid(5));
                                }
                            } catch (SQLException e) {
                                seen.add(e.toString());
                            }
                        });

        assertThat(status).isZero();
        assertThat(seen).containsExactly("CAROL FARM CLI", "dave true");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("listening on 127.0.0.1:" + port)
                .contains("jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off&account=CLI")
                .doesNotContain("pa:ss");
    }
}
