package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets that change while every connection of the pool is in use: the threads waiting for one
 * are served, by the old pool or the new one, instead of waiting out {@code pool_timeout} on a
 * pool closed under them (HikariCP wakes no waiting thread when its pool closes).
 */
class SQLConnectionResetUnderLoadTest {

    @TempDir
    Path dir;

    @Test
    void threadsWaitingForAConnectionWhenASecretsChangeClosesThePoolAreServed() throws Exception {
        Path secrets = dir.resolve("secrets.toml");
        String section = "[connections.pets]\ntype = \"sql\"\nurl = \"h2:mem:reset_under_load;DB_CLOSE_DELAY=-1\"\n"
                + "max_overflow = 0\npool_timeout = 5\n";
        Files.writeString(secrets, section + "pool_size = 1\n");
        try (ConnectionRegistry registry = ConnectionRegistry.builder().secretsFiles(secrets).homeDirectory(dir)
                .workingDirectory(dir).build()) {
            SQLConnection pets = registry.get("pets", SQLConnection.class);
            AtomicBoolean running = new AtomicBoolean(true);
            Queue<Long> slowMillis = new ConcurrentLinkedQueue<>();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService load = Executors.newFixedThreadPool(8);
            List<Future<Integer>> workers = new ArrayList<>();
            try {
                for (int t = 0; t < 8; t++) {
                    workers.add(load.submit(() -> {
                        int queries = 0;
                        while (running.get()) {
                            long start = System.nanoTime();
                            try {
                                pets.query("select 1 as one", QueryOptions.noCache());
                                queries++;
                            } catch (RuntimeException e) {
                                failures.add(e.getMessage());
                            }
                            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                            if (millis >= 2_000) {
                                slowMillis.add(millis);
                            }
                        }
                        return queries;
                    }));
                }
                for (int size = 2; size <= 25; size++) {
                    Files.writeString(secrets, section + "pool_size = " + size + "\n");
                    assertThat(registry.reloadSecrets()).isTrue();
                    Thread.sleep(20);
                }
            } finally {
                running.set(false);
                load.shutdown();
            }
            int queries = 0;
            for (Future<Integer> worker : workers) {
                queries += worker.get(30, TimeUnit.SECONDS);
            }

            assertThat(failures).as("calls that failed across 24 pool replacements").isEmpty();
            assertThat(slowMillis).as("calls that waited 2 s or more (pool_timeout is 5 s)").isEmpty();
            assertThat(queries).isPositive();
        }
    }
}
