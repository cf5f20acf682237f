package io.connectionkit.benchmarks;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.Connections;
import io.connectionkit.sql.SQLConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link Connections#get} of a connection that exists, against the least any registry must do:
 * a {@link ConcurrentHashMap#get} by the same name string. Each returns what it found, which
 * JMH's Blackhole consumes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConnectionsGetBenchmark {

    private String name = "bench";
    private final Map<String, Object> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path secrets = Files.createTempFile("connectionkit-benchmark", ".toml");
        secrets.toFile().deleteOnExit();
        Files.writeString(secrets, "[connections.bench]\ntype = \"sql\"\nurl = \"jdbc:h2:mem:get_benchmark;DB_CLOSE_DELAY=-1\"\n");
        // Read when the default registry is built, on the first Connections call below.
        System.setProperty("connectionkit.secrets", secrets.toString());
        map.put(name, Connections.get(name));
        for (int i = 0; i < 100; i++) {
            map.put("other-" + i, new Object());
        }
    }

    @Benchmark
    public Object concurrentHashMapGet() {
        return map.get(name);
    }

    @Benchmark
    public BaseConnection<?> connectionsGet() {
        return Connections.get(name);
    }

    @Benchmark
    public SQLConnection connectionsGetTyped() {
        return Connections.get(name, SQLConnection.class);
    }
}
