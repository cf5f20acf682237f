package io.connectionkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** {@code connections emulator snowflake}: a local Snowflake the other commands reach, until stopped. */
class EmulatorCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern PORT_LINE = Pattern.compile("Snowflake emulator on 127\\.0\\.0\\.1:(\\d+) \\(account (\\w+)\\)");

    @TempDir
    Path dir;

    @Test
    void runsUntilInterruptedAndTheQueryCommandReachesItWithTheSectionItPrints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(); // synchronized: read while the emulator writes
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread emulator = new Thread(() -> exitCode.set(ConnectionsTool.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "emulator", "snowflake", "--port", "0", "--user", "ann:s3cret", "--database", "PETS")),
                "emulator-under-test");
        emulator.start();
        int port;
        try {
            awaitUntil(() -> out.toString(StandardCharsets.UTF_8).contains("database = \"PETS\"")
                    || !emulator.isAlive(), "the emulator's secrets section");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(emulator.isAlive()).as("emulator running; it printed: %s%s", printed, err).isTrue();
            Matcher portLine = PORT_LINE.matcher(printed);
            assertThat(portLine.find()).as("port line in: %s", printed).isTrue();
            port = Integer.parseInt(portLine.group(1));
            String account = portLine.group(2);
            assertThat(printed.lines()).contains(
                    "[connections.snowflake]",
                    "account = \"" + account + "\"",
                    "user = \"ann\"",
                    "host = \"127.0.0.1\"",
                    "port = " + port,
                    "protocol = \"http\"",
                    "database = \"PETS\"");
            assertThat(printed).doesNotContain("s3cret");

            Path secrets = Files.writeString(dir.resolve("secrets.toml"), """
                    [connections.snowflake]
                    type = "snowflake"
                    account = "%s"
                    user = "ann"
                    password = "s3cret"
                    host = "127.0.0.1"
                    port = %d
                    protocol = "http"
                    database = "PETS"
                    """.formatted(account, port));
            ToolRun query = ToolRun.of("--secrets", secrets.toString(), "query", "snowflake", "select 1 as one");

            assertThat(query.err()).isEmpty();
            assertThat(query.exitCode()).isZero();
            assertThat(query.out().lines()).map(String::strip).containsSequence("1", "(1 row)");
        } finally {
            emulator.interrupt();
            emulator.join(PATIENCE.toMillis());
        }

        assertThat(emulator.isAlive()).as("emulator stopped").isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).as("the port is closed").isInstanceOf(IOException.class);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("its error output").isEmpty();
        assertThat(exitCode.get()).as("its exit code").isZero();
    }

    @Test
    void withoutTheNameOfAnEmulatorItIsAUsageError() {
        ToolRun run = ToolRun.of("emulator");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("snowflake");
        assertThat(run.err().lines()).hasSizeBetween(1, 2);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        ToolRun run = ToolRun.of("emulator", "snowflake", "--port", "70000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--port 70000");
        assertThat(run.err().lines()).hasSizeBetween(1, 2);
    }

    @Test
    void aPortInUseFailsWithAHintInsteadOfWaiting() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ToolRun run = ToolRun.of("emulator", "snowflake", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("127.0.0.1:" + taken.getLocalPort()).contains("--port 0")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aUserWithoutAPasswordIsAUsageError() {
        ToolRun run = ToolRun.of("emulator", "snowflake", "--port", "0", "--user", "ann");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--user").contains("NAME:PASSWORD");
    }

    /** Waits, up to {@link #PATIENCE}, until {@code condition} holds; fails naming {@code what} otherwise. */
    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
