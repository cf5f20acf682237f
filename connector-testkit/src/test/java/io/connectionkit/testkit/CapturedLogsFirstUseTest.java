package io.connectionkit.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that start at once in a new JVM, as JUnit's parallel execution starts them, each see
 * the logs: the first use of SLF4J there hands some threads a stand-in factory while it binds.
 * Run in a JVM of its own, since this one has long set SLF4J up.
 */
class CapturedLogsFirstUseTest {

    /** Starts eight captures at once as the JVM's first use of SLF4J; prints how many were blind. */
    public static void main(String[] args) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CapturedLogs>> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            started.add(pool.submit(() -> {
                go.await();
                return CapturedLogs.start("nothing");
            }));
        }
        go.countDown();
        int blind = 0;
        List<CapturedLogs> all = new ArrayList<>();
        for (Future<CapturedLogs> future : started) {
            all.add(future.get(30, TimeUnit.SECONDS));
        }
        for (CapturedLogs logs : all) {
            blind += logs.blindSpot() == null ? 0 : 1;
        }
        all.forEach(CapturedLogs::close);
        pool.shutdown();
        System.out.println("blind=" + blind);
    }

    @Test
    void capturesStartedAtOnceBeforeSlf4jIsSetUpAllSeeTheLogs() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CapturedLogsFirstUseTest.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("blind=0");
    }
}
