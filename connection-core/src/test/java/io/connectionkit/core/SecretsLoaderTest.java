package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsLoaderTest {

    @TempDir
    Path root;

    private Path home;
    private Path work;
    private Path homeFile;
    private Path workFile;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        work = Files.createDirectories(root.resolve("work"));
        homeFile = home.resolve(".streamlit/secrets.toml");
        workFile = work.resolve(".streamlit/secrets.toml");
    }

    private static Path write(Path file, String toml) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, toml);
    }

    private SecretsLoader loader(List<Path> explicitFiles, String toml) {
        return new SecretsLoader(explicitFiles, toml, home, work, Map.of(), Map.of());
    }

    private Secrets load() {
        return loader(null, null).load();
    }

    @Test
    void defaultsAreHomeThenWorkingDirectory() {
        assertThat(loader(null, null).paths()).containsExactly(homeFile, workFile);
    }

    @Test
    void laterFileOverridesKeyByKey() throws IOException {
        write(homeFile, """
                [connections.pets]
                type = "sql"
                host = "home.example"
                port = 5432
                """);
        write(workFile, """
                title = "pets"

                [connections.pets]
                host = "work.example"
                """);

        Secrets secrets = load();

        ConnectionConfig pets = secrets.table("connections.pets");
        assertThat(pets.asMap()).containsExactly(
                Map.entry("type", "sql"), Map.entry("host", "work.example"), Map.entry("port", 5432L));
        assertThat(pets.sourceOf("host")).contains(ConfigSource.file(".streamlit/secrets.toml", 4));
        assertThat(pets.sourceOf("port")).contains(ConfigSource.file("~/.streamlit/secrets.toml", 4));
        assertThat(secrets.files()).containsExactly(homeFile, workFile);
    }

    @Test
    void tableKeepsTheSourceOfItsFirstDefinition() throws IOException {
        write(homeFile, "\n[connections.pets]\ntype = \"sql\"\n");
        write(workFile, "[connections.pets]\nhost = \"db\"\n");

        assertThat(load().table("connections.pets").source())
                .isEqualTo(ConfigSource.file("~/.streamlit/secrets.toml", 2));
    }

    @Test
    void arraysAndValuesAreReplacedWhole() throws IOException {
        write(homeFile, "hosts = [\"a\", \"b\", \"c\"]\nmode = { fast = true }\n");
        write(workFile, "hosts = [\"z\"]\nmode = \"slow\"\n");

        Secrets secrets = load();

        assertThat(secrets.get("hosts")).contains(List.of("z"));
        assertThat(secrets.get("mode")).contains("slow");
        assertThat(secrets.sourceOf("hosts")).contains(ConfigSource.file(".streamlit/secrets.toml", 1));
    }

    @Test
    void missingFilesAreSkippedButListedAsSearched() throws IOException {
        write(workFile, "a = 1\n");

        Secrets secrets = load();

        assertThat(secrets.searched()).containsExactly(homeFile, workFile);
        assertThat(secrets.readLocations()).containsExactly(".streamlit/secrets.toml");
        assertThat(secrets.files()).containsExactly(workFile);
        assertThat(secrets.isEmpty()).isFalse();
    }

    @Test
    void noFilesAndNoTextIsEmpty() {
        Secrets secrets = load();

        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.files()).isEmpty();
        assertThat(secrets.table("connections.pets").isEmpty()).isTrue();
    }

    @Test
    void workingDirectoryEqualToHomeReadsTheFileOnce() throws IOException {
        write(homeFile, "a = 1\n");

        Secrets secrets = new SecretsLoader(null, null, home, home, Map.of(), Map.of()).load();

        assertThat(secrets.files()).containsExactly(homeFile);
        assertThat(secrets.sourceOf("a")).contains(ConfigSource.file(".streamlit/secrets.toml", 1));
    }

    @Test
    void explicitFilesReplaceTheDefaultsAndResolveAgainstWorkingDirectoryAndHome() throws IOException {
        write(workFile, "ignored = true\n");
        write(work.resolve("config/app.toml"), "a = 1\n");
        write(home.resolve("private.toml"), "a = 2\n");

        Secrets secrets = loader(List.of(Path.of("config/app.toml"), Path.of("~/private.toml")), null).load();

        assertThat(secrets.files()).containsExactly(work.resolve("config/app.toml"), home.resolve("private.toml"));
        assertThat(secrets.get("a")).contains(2L);
        assertThat(secrets.sourceOf("a")).contains(ConfigSource.file("~/private.toml", 1));
        assertThat(secrets.get("ignored")).isEmpty();
    }

    @Test
    void emptyExplicitListReadsNoFile() throws IOException {
        write(workFile, "a = 1\n");

        assertThat(loader(List.of(), null).load().isEmpty()).isTrue();
    }

    @Test
    void systemPropertyListsFilesSeparatedByThePathSeparator() throws IOException {
        write(work.resolve("one.toml"), "a = 1\nb = 1\n");
        write(home.resolve("two.toml"), "b = 2\n");
        String list = "one.toml" + File.pathSeparator + "~/two.toml";

        SecretsLoader loader = new SecretsLoader(null, null, home, work,
                Map.of("connectionkit.secrets", list), Map.of("CONNECTIONKIT_SECRETS", "env.toml"));

        assertThat(loader.paths()).containsExactly(work.resolve("one.toml"), home.resolve("two.toml"));
        Secrets secrets = loader.load();
        assertThat(secrets.get("a")).contains(1L);
        assertThat(secrets.get("b")).contains(2L);
    }

    @Test
    void environmentVariableListsFilesWhenThePropertyIsNotSet() {
        SecretsLoader loader = new SecretsLoader(null, null, home, work,
                Map.of("connectionkit.secrets", " "), Map.of("CONNECTIONKIT_SECRETS", "env.toml"));

        assertThat(loader.paths()).containsExactly(work.resolve("env.toml"));
    }

    @Test
    void explicitFilesWinOverPropertyAndEnvironment() {
        SecretsLoader loader = new SecretsLoader(List.of(Path.of("code.toml")), null, home, work,
                Map.of("connectionkit.secrets", "property.toml"), Map.of("CONNECTIONKIT_SECRETS", "env.toml"));

        assertThat(loader.paths()).containsExactly(work.resolve("code.toml"));
    }

    @Test
    void fileOutsideHomeAndWorkingDirectoryIsNamedByItsAbsolutePath() throws IOException {
        Path outside = write(root.resolve("etc/secrets.toml"), "a = 1\n");

        Secrets secrets = loader(List.of(outside), null).load();

        assertThat(secrets.sourceOf("a")).contains(ConfigSource.file(outside.toAbsolutePath().toString(), 1));
    }

    @Test
    void tomlTextComesAfterTheFilesAndWins() throws IOException {
        write(workFile, "[connections.pets]\ntype = \"sql\"\nhost = \"file\"\n");

        Secrets secrets = loader(null, "[connections.pets]\nhost = \"text\"\n").load();

        assertThat(secrets.get("connections.pets.host")).contains("text");
        assertThat(secrets.sourceOf("connections.pets.host")).contains(ConfigSource.file("secretsToml", 2));
        assertThat(secrets.get("connections.pets.type")).contains("sql");
        assertThat(secrets.isEmpty()).isFalse();
        assertThat(secrets.files()).containsExactly(workFile);
    }

    @Test
    void invalidTomlNamesFileLineAndColumn() throws IOException {
        write(workFile, "[connections.pets]\ntype = \"sql\"\nport = \n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in .streamlit/secrets.toml at line 3, column 8: "
                        + "unexpected end of line, expected a value");
    }

    @Test
    void invalidTomlCountsTheFurtherErrors() throws IOException {
        write(homeFile, "a = \nb = \nc = \n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in ~/.streamlit/secrets.toml at line 1, column 5: "
                        + "unexpected end of line, expected a value (and 2 more errors)");
    }

    @Test
    void invalidTomlTextIsNamedSecretsToml() {
        assertThatThrownBy(() -> loader(null, "ok = 1\n[broken\n").load())
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in secretsToml at line 2, column 8: unexpected end of line, expected ]");
    }

    @Test
    void everyBrokenFileIsReported() throws IOException {
        write(homeFile, "a = \n");
        write(workFile, "[x\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in ~/.streamlit/secrets.toml at line 1, column 5: "
                        + "unexpected end of line, expected a value\n"
                        + "Invalid TOML in .streamlit/secrets.toml at line 1, column 3: unexpected end of line, expected ]");
    }

    @Test
    void invalidTomlDoesNotRepeatTheOffendingText() throws IOException {
        write(workFile, "password = \"hunter2\"s3cr3t\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in .streamlit/secrets.toml at line 1, column 21: "
                        + "unexpected text, expected a newline or end-of-input");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "password = Zebra|1|12|unexpected text, expected a value",
            "password = 'it's'|1|16|unexpected text, expected a newline or end-of-input",
            "password = \"Zq\\qb\"|1|15|Invalid escape sequence",
            "port = 1.2.3|1|11|unexpected text, expected a newline or end-of-input",
            "password = 0123|1|12|Leading zeros are not allowed"})
    void invalidTomlNeverQuotesATokenOfTheLineHoweverShort(String line, int lineNumber, int column, String reason)
            throws IOException {
        write(workFile, line + "\n");

        assertThatThrownBy(this::load).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in .streamlit/secrets.toml at line " + lineNumber + ", column " + column + ": "
                        + reason);
    }

    @Test
    void acceptsUtf8ByteOrderMark() throws IOException {
        Files.createDirectories(workFile.getParent());
        Files.write(workFile, bom("[connections.pets]\ntype = \"sql\"\n"));

        Secrets secrets = load();

        assertThat(secrets.get("connections.pets.type")).contains("sql");
        assertThat(secrets.sourceOf("connections.pets")).contains(ConfigSource.file(".streamlit/secrets.toml", 1));
        assertThat(secrets.sourceOf("connections.pets.type")).contains(ConfigSource.file(".streamlit/secrets.toml", 2));
    }

    @Test
    void acceptsAByteOrderMarkAtTheStartOfTheTomlText() {
        Secrets secrets = loader(null, "\uFEFF[connections.pets]\ntype = \"sql\"\n").load();

        assertThat(secrets.get("connections.pets.type")).contains("sql");
        assertThat(secrets.sourceOf("connections.pets.type")).contains(ConfigSource.file("secretsToml", 2));
    }

    @Test
    void invalidTomlAfterAByteOrderMarkNamesTheLineAndColumnAsAnEditorShowsThem() throws IOException {
        Files.createDirectories(workFile.getParent());
        Files.write(workFile, bom("a = \nb = 1\n"));

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in .streamlit/secrets.toml at line 1, column 5: "
                        + "unexpected end of line, expected a value");
        assertThatThrownBy(() -> loader(List.of(), "\uFEFFok = 1\n[broken\n").load())
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Invalid TOML in secretsToml at line 2, column 8: unexpected end of line, expected ]");
    }

    /** {@code text} in UTF-8 after the byte order mark that Windows editors write. */
    private static byte[] bom(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withMark = new byte[utf8.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withMark, 3, utf8.length);
        return withMark;
    }

    @Test
    void directoryInPlaceOfTheFileNamesPathAndReason() throws IOException {
        Files.createDirectories(workFile);

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Cannot read secrets file .streamlit/secrets.toml: it is a directory");
    }

    @Test
    void fileThatIsNotUtf8NamesPathAndReason() throws IOException {
        Files.createDirectories(workFile.getParent());
        Files.write(workFile, new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'});

        assertThatThrownBy(this::load)
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Cannot read secrets file .streamlit/secrets.toml: it is not valid UTF-8");
    }

    @Test
    void permissionDeniedIsGivenAsTheReason() {
        // Tests may run as root, who can read anything: the wording is checked on the exception.
        assertThat(SecretsFile.reason(new AccessDeniedException("/x/secrets.toml"))).isEqualTo("permission denied");
    }

    @Test
    void reloadingAnUnchangedFileGivesAnEqualSection() throws IOException {
        write(workFile, """
                [connections.pets]
                type = "sql"
                port = 5432
                hosts = ["a", "b"]
                since = 2024-01-31T10:00:00Z

                [connections.pets.query]
                sslmode = "require"
                """);
        SecretsLoader loader = loader(null, null);

        Secrets first = loader.load();
        Secrets second = loader.load();

        assertThat(second.table("connections.pets").asMap()).isEqualTo(first.table("connections.pets").asMap());
        assertThat(second.table("connections.pets")).isEqualTo(first.table("connections.pets"));
    }
}
