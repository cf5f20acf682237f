package io.connectionkit.core;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.connectionkit.api.ConnectionConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/** The registry's builder; package-private fields so the registry reads them directly. */
final class RegistryBuilder implements ConnectionRegistry.Builder {
    static final long DEFAULT_QUERY_CACHE_MAX_BYTES = 256L * 1024 * 1024;

    /** The default bound: 256 MiB, or a quarter of the heap when that is less, so a small heap keeps room to work. */
    static long defaultQueryCacheMaxBytes(long maxHeapBytes) {
        return Math.min(DEFAULT_QUERY_CACHE_MAX_BYTES, maxHeapBytes / 4);
    }
    static final String MAX_BYTES_PROPERTY = "connectionkit.query-cache.max-bytes";

    List<Path> secretsFiles;
    String secretsToml;
    ClassLoader classLoader;
    boolean watchSecrets;
    LongSupplier ticker; // null: System.nanoTime() for connections, CoarseClock.SHARED for query results
    Long queryCacheMaxBytesSet;
    long queryCacheMaxBytes;
    Duration defaultQueryTtl;
    Path home = Path.of(System.getProperty("user.home"));
    Path workingDirectory = Path.of(System.getProperty("user.dir"));
    Map<String, String> systemProperties = propertiesAsMap();
    Map<String, String> environment = System.getenv();
    Scheduler connectionExpiry = ConnectionCache.EXPIRY;
    final List<ConnectionListener> listeners = new ArrayList<>();

    @Override
    public ConnectionRegistry.Builder listener(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public ConnectionRegistry.Builder secretsFiles(Path... files) {
        this.secretsFiles = List.copyOf(Arrays.asList(files));
        return this;
    }

    @Override
    public ConnectionRegistry.Builder secretsToml(String toml) {
        this.secretsToml = Objects.requireNonNull(toml, "toml");
        return this;
    }

    @Override
    public ConnectionRegistry.Builder classLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        return this;
    }

    @Override
    public ConnectionRegistry.Builder watchSecrets(boolean watch) {
        this.watchSecrets = watch;
        return this;
    }

    @Override
    public ConnectionRegistry.Builder ticker(LongSupplier nanoTime) {
        this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    @Override
    public ConnectionRegistry.Builder queryCacheMaxBytes(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("queryCacheMaxBytes must not be negative: " + maxBytes);
        }
        this.queryCacheMaxBytesSet = maxBytes;
        return this;
    }

    @Override
    public ConnectionRegistry.Builder defaultQueryTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("defaultQueryTtl must be positive: " + ttl);
        }
        this.defaultQueryTtl = ttl;
        return this;
    }

    @Override
    public ConnectionRegistry.Builder homeDirectory(Path home) {
        this.home = Objects.requireNonNull(home, "home");
        return this;
    }

    @Override
    public ConnectionRegistry.Builder workingDirectory(Path workingDirectory) {
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        return this;
    }

    @Override
    public RegistryBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** For tests: where {@code connectionkit.*} system properties are read. */
    RegistryBuilder systemProperties(Map<String, String> properties) {
        this.systemProperties = Map.copyOf(properties);
        return this;
    }

    /** For tests: what wakes the connection cache when a ttl passes, instead of a real timer. */
    RegistryBuilder connectionExpiry(Scheduler scheduler) {
        this.connectionExpiry = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    @Override
    public ConnectionRegistry build() {
        queryCacheMaxBytes = queryCacheMaxBytesSet != null ? queryCacheMaxBytesSet : maxBytesFromProperty();
        return new ConnectionRegistry(this);
    }

    private long maxBytesFromProperty() {
        String value = systemProperties.get(MAX_BYTES_PROPERTY);
        if (value == null || value.isBlank()) {
            return defaultQueryCacheMaxBytes(Runtime.getRuntime().maxMemory());
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectionConfigException("System property " + MAX_BYTES_PROPERTY
                + " must be a number of bytes (0 or more) but is \"" + value + "\"");
    }

    /** The registry's loader if set, else the context class loader; then the core's own. */
    List<ClassLoader> classLoaders() {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        if (classLoader != null) {
            loaders.add(classLoader);
        } else if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(ConnectionRegistry.class.getClassLoader());
        return new ArrayList<>(loaders);
    }

    private static Map<String, String> propertiesAsMap() {
        Map<String, String> map = new HashMap<>();
        System.getProperties().forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
        return map;
    }
}
