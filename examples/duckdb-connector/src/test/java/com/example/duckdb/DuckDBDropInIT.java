package com.example.duckdb;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector as a user installs it: the jar this build wrote, beside connection-core and its
 * dependencies (and no other jar of ConnectionKit), on the class path of a new JVM whose
 * {@code .streamlit/secrets.toml} names it by type, by provider class and by connection class.
 * Runs after {@code package}, which writes the jar.
 */
class DuckDBDropInIT {

    private static final String MAIN = """
            import com.example.duckdb.DuckDBConnection;
            import io.connectionkit.api.*;
            import io.connectionkit.core.Connections;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) {
                    Queryable byType = (Queryable) Connections.get("sales");
                    System.out.println("byType: " + byType);
                    System.out.println(byType.query("select region, sum(amount) as total from read_csv_auto('sales.csv') "
                            + "group by region order by region"));
                    DuckDBConnection byProvider = Connections.get("byprovider", DuckDBConnection.class);
                    System.out.println("byProvider: " + byProvider + " rows=" + byProvider.read(Path.of("sales.csv")).rowCount());
                    BaseConnection<?> byClass = Connections.get("byclass");
                    System.out.println("byClass: " + byClass + " "
                            + ((Queryable) byClass).query("select count(*) as n from read_csv_auto('sales.csv')").toMaps());
                    Connections.registry().close();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void builtJarBesideTheCoreIsFoundByTypeAndByClassNameAndQueriesACsvFile() throws Exception {
        Path jar = Path.of(System.getProperty("connector.jar", "target/duckdb-connector.jar"));
        assertThat(jar).as("the jar `package` wrote").isRegularFile();
        List<Path> classPath = List.of(jar, codeSource(org.duckdb.DuckDBDriver.class),
                codeSource(BaseConnection.class), codeSource(ConnectionRegistry.class), codeSource(org.tomlj.Toml.class),
                codeSource(com.github.benmanes.caffeine.cache.Caffeine.class), codeSource(org.slf4j.LoggerFactory.class));
        assertThat(classPath).noneMatch(entry -> entry.toString().contains("connector-sql")
                || entry.toString().contains("connector-testkit") || entry.toString().contains("test-classes"));

        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("sales.csv"), "region,amount\nnorth,10\nsouth,5\nnorth,7\n");
        Files.createDirectories(work.resolve(".streamlit"));
        Files.writeString(work.resolve(".streamlit/secrets.toml"), """
                [connections.sales]
                type = "duckdb"

                [connections.byprovider]
                type = "com.example.duckdb.DuckDBConnectionProvider"

                [connections.byclass]
                type = "com.example.duckdb.DuckDBConnection"
                """);
        Files.writeString(work.resolve("Main.java"), MAIN);

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-Djava.io.tmpdir=" + dir,
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()), "Main.java")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the JVM ends within two minutes").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("byType: DuckDBConnection[name=sales, type=duckdb, from=.streamlit/secrets.toml:1]")
                .containsPattern("north +\\| +17")
                .containsPattern("south +\\| +5")
                .contains("byProvider: DuckDBConnection[name=byprovider, type=duckdb, from=.streamlit/secrets.toml:4] rows=3")
                .contains("byClass: DuckDBConnection[name=byclass, type=duckdb, from=.streamlit/secrets.toml:7] [{n=3}]");
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
