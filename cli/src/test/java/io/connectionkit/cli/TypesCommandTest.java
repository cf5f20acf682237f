package io.connectionkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code connections types}: every connector found, where it comes from, and why one could not be loaded. */
class TypesCommandTest {

    private static final Path DUCKDB_PLUGIN = Path.of(System.getProperty("cli.duckdbPlugin", "target/duckdb-plugin"));

    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInConnectorsWithTheirClassJarVersionAndStatus() {
        ToolRun run = ToolRun.of("types");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, Map<String, String>> types = byType(run.out());
        assertThat(types).containsKeys("sql", "snowflake");
        assertActive(types.get("sql"), "io.connectionkit.sql.SQLConnectionProvider", "connector-sql");
        assertActive(types.get("snowflake"), "io.connectionkit.snowflake.SnowflakeConnectionProvider",
                "connector-snowflake");
    }

    @Test
    void aConnectorInThePluginsFolderIsListedBesideTheBuiltInOnes() {
        assertThat(DUCKDB_PLUGIN).isDirectory();

        ToolRun run = ToolRun.of("--plugins", DUCKDB_PLUGIN.toString(), "types");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, Map<String, String>> types = byType(run.out());
        assertThat(types).containsKeys("sql", "snowflake", "duckdb");
        assertActive(types.get("duckdb"), "com.example.duckdb.DuckDBConnectionProvider", "duckdb-connector");
        assertThat(Path.of(types.get("duckdb").get("jar"))).startsWith(DUCKDB_PLUGIN.toAbsolutePath());
    }

    @Test
    void aPluginThatNamesAMissingClassIsListedAsFailedWithWhyAndTheOthersStillAre() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path broken = plugins.resolve("broken-connector.jar");
        jarWithServicesFile(broken, "com.example.missing.NoSuchProvider");

        ToolRun run = ToolRun.of("--plugins", plugins.toString(), "types");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        List<Map<String, String>> rows = rows(run.out());
        assertThat(rows).extracting(row -> row.get("type")).contains("sql", "snowflake");
        assertThat(rows).filteredOn(row -> row.get("class").equals("com.example.missing.NoSuchProvider"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("type")).isEqualTo("?");
                    assertThat(row.get("status")).isEqualTo("failed");
                    assertThat(Path.of(row.get("jar"))).isEqualTo(broken.toAbsolutePath());
                });
        assertThat(byType(run.out()).get("sql").get("status")).isEqualTo("active");
        assertThat(run.out().lines()).contains("com.example.missing.NoSuchProvider: class not found");
    }

    @Test
    void aFailedPluginBesideAWorkingOneLeavesTheWorkingOneActive() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jarWithServicesFile(plugins.resolve("broken-connector.jar"), "com.example.missing.NoSuchProvider");
        try (Stream<Path> jars = Files.list(DUCKDB_PLUGIN)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }

        ToolRun run = ToolRun.of("--plugins", plugins.toString(), "types");

        assertThat(run.exitCode()).isEqualTo(1);
        Map<String, Map<String, String>> types = byType(run.out());
        assertThat(types.get("duckdb").get("status")).isEqualTo("active");
        assertThat(types.get("sql").get("status")).isEqualTo("active");
        assertThat(rows(run.out())).extracting(row -> row.get("status")).containsOnlyOnce("failed");
    }

    private static void assertActive(Map<String, String> row, String className, String jarName) {
        assertThat(row.get("class")).isEqualTo(className);
        assertThat(Path.of(row.get("jar")).getFileName().toString()).startsWith(jarName).endsWith(".jar");
        assertThat(row.get("version")).matches("\\d+\\.\\d+.*");
        assertThat(row.get("status")).isEqualTo("active");
    }

    /** A jar whose only entry is a services file naming {@code providerClass}. */
    private static void jarWithServicesFile(Path jar, String providerClass) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.connectionkit.api.ConnectionProvider"));
            out.write((providerClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static Map<String, Map<String, String>> byType(String out) {
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (Map<String, String> row : rows(out)) {
            byType.put(row.get("type"), row);
        }
        return byType;
    }

    /**
     * The rows of the table {@code types} prints, each cell cut where its header's column starts; the
     * lines after the table (the failures) are not rows.
     */
    private static List<Map<String, String>> rows(String out) {
        List<String> lines = out.lines().toList();
        String header = lines.get(0);
        List<String> names = List.of("type", "aliases", "class", "jar", "version", "status");
        assertThat(header.split(" +")).containsExactlyElementsOf(names);
        int[] starts = new int[names.size()];
        for (int i = 1; i < names.size(); i++) {
            starts[i] = header.indexOf("  " + names.get(i), starts[i - 1]) + 2;
        }
        int status = starts[starts.length - 1];
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.length() <= status || !line.startsWith("  ", status - 2)
                    || !line.substring(status).matches("active|failed|conflict")) {
                continue; // a failure's line, below the table
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                int end = i + 1 < starts.length ? starts[i + 1] : line.length();
                row.put(names.get(i), line.substring(starts[i], Math.min(end, line.length())).strip());
            }
            rows.add(row);
        }
        return rows;
    }
}
