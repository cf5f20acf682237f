package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin promise, end to end: a connector compiled against connection-api alone, in its own
 * jar, dropped beside the core (and a broken connector jar) on the class path of a new JVM, is
 * found by {@link Connections#get(String)} through its type and through its class name.
 */
class DropInConnectorTest {

    private static final String PROVIDER = """
            package com.example.kv;

            import io.connectionkit.api.*;

            public final class KeyValueProvider implements ConnectionProvider {
                public String type() { return "keyvalue"; }
                public Class<? extends BaseConnection<?>> connectionClass() { return KeyValueConnection.class; }
                public BaseConnection<?> create(ConnectionContext context) { return new KeyValueConnection(context); }
            }
            """;

    private static final String CONNECTION = """
            package com.example.kv;

            import io.connectionkit.api.*;
            import java.util.*;

            public final class KeyValueConnection extends BaseConnection<Map<String, Object>> implements Queryable {
                public KeyValueConnection(ConnectionContext context) { super(context); }

                protected Map<String, Object> connect(ConnectionConfig config) {
                    return config.table("data").map(ConnectionConfig::asMap).orElse(Map.of());
                }

                public QueryResult query(String key, QueryOptions options) {
                    return context().queryCache().get(key, options, () -> QueryResult.of(
                            List.of(Column.of("key", String.class), Column.of("value", Object.class)),
                            List.of(List.of(key, instance().getOrDefault(key, "none")))));
                }
            }
            """;

    private static final String BROKEN = """
            package com.example.broken;

            import io.connectionkit.api.*;

            public final class BrokenProvider implements ConnectionProvider {
                public BrokenProvider() { throw new IllegalStateException("license file missing"); }
                public String type() { return "broken"; }
                public Class<? extends BaseConnection<?>> connectionClass() { return null; }
                public BaseConnection<?> create(ConnectionContext context) { return null; }
            }
            """;

    private static final String MAIN = """
            package app;

            import io.connectionkit.api.*;
            import io.connectionkit.core.*;

            public final class Main {
                public static void main(String[] args) {
                    BaseConnection<?> byType = Connections.get("inventory");
                    System.out.println("byType: " + byType + " " + byType.instance());
                    System.out.println(((Queryable) byType).query("apples"));
                    BaseConnection<?> byClass = Connections.get("archive");
                    System.out.println("byClass: " + byClass + " " + byClass.instance());
                    for (ProviderInfo info : Connections.registry().providers()) {
                        System.out.println("provider: " + info.className() + " " + info.status() + " " + info.failure());
                    }
                    Connections.registry().close();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void connectorJarDroppedBesideTheCoreIsFoundByTypeAndByClassName() throws Exception {
        Path api = codeSource(BaseConnection.class);
        Path connector = TestJars.builder()
                .source("com.example.kv.KeyValueProvider", PROVIDER)
                .source("com.example.kv.KeyValueConnection", CONNECTION)
                .providers("com.example.kv.KeyValueProvider")
                .onlyClassPath(api)
                .version("1.2.3")
                .write(dir.resolve("lib/keyvalue-connector.jar"));
        Path broken = TestJars.builder()
                .source("com.example.broken.BrokenProvider", BROKEN)
                .providers("com.example.broken.BrokenProvider")
                .onlyClassPath(api)
                .write(dir.resolve("lib/broken-connector.jar"));
        Path app = TestJars.builder().source("app.Main", MAIN).write(dir.resolve("lib/app.jar"));
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve(".streamlit"));
        Files.writeString(work.resolve(".streamlit/secrets.toml"), """
                [connections.inventory]
                type = "keyvalue"
                data = { apples = 12, pears = 3 }

                [connections.archive]
                type = "com.example.kv.KeyValueConnection"
                data = { plums = 1 }
                """);

        List<Path> classPath = new ArrayList<>(List.of(api, codeSource(ConnectionRegistry.class),
                codeSource(org.tomlj.Toml.class), codeSource(com.github.benmanes.caffeine.cache.Caffeine.class),
                codeSource(org.slf4j.LoggerFactory.class), connector, broken, app));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-cp",
                String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()), "app.Main")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ends within a minute").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("byType: KeyValueConnection[name=inventory, type=keyvalue, from=.streamlit/secrets.toml:1]")
                .contains("{apples=12, pears=3}")
                .containsPattern("apples \\| +12")
                .contains("byClass: KeyValueConnection[name=archive, type=keyvalue, from=.streamlit/secrets.toml:5] {plums=1}")
                .contains("provider: com.example.kv.KeyValueProvider ACTIVE null")
                .contains("provider: com.example.broken.BrokenProvider FAILED");
    }

    private static Path codeSource(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
