package io.connectionkit.sql;

import io.connectionkit.api.ConnectionException;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A server that accepts connections and never answers, on this machine's loopback. */
class SilentServerTest {

    @TempDir
    Path dir;

    @Test
    void connectingGivesUpAfterPoolTimeout() throws IOException {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // keep it open, say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            try (ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles()
                    .homeDirectory(dir).workingDirectory(dir)
                    .secretsToml("[connections.silent]\ntype = \"sql\"\nurl = \"postgresql://app@127.0.0.1:"
                            + silent.getLocalPort() + "/pets\"\ncreate_engine_kwargs = { pool_timeout = 1 }\n")
                    .build()) {

                long start = System.nanoTime();
                assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                        assertThatThrownBy(() -> registry.get("silent", SQLConnection.class))
                                .isInstanceOf(ConnectionException.class)
                                .hasMessageContaining("Could not connect 'silent'"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
