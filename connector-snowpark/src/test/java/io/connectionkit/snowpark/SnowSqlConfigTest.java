package io.connectionkit.snowpark;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading SnowSQL's ~/.snowsql/config as Streamlit's snowpark connection reads it. */
class SnowSqlConfigTest {

    private static final String CANARY = "s3cr3t-canary";

    @TempDir
    Path home;

    private SnowSqlConfig read(String text) throws IOException {
        Path directory = Files.createDirectories(home.resolve(".snowsql"));
        Files.writeString(directory.resolve("config"), text);
        return SnowSqlConfig.read(home);
    }

    private static ConnectionConfig pets(SnowSqlConfig config) {
        return config.connection("pets", "connections.pets", List.of()).orElseThrow();
    }

    private ConnectionConfigException readError(String text) throws IOException {
        Path directory = Files.createDirectories(home.resolve(".snowsql"));
        Files.writeString(directory.resolve("config"), text);
        try {
            SnowSqlConfig.read(home);
        } catch (ConnectionConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConnectionConfigException");
    }

    @Test
    void namedSectionWinsOverConnections() throws IOException {
        SnowSqlConfig config = read("""
                [connections]
                accountname = shared
                username = everyone

                [connections.pets]
                accountname = pets_account
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.asMap()).isEqualTo(Map.of("account", "pets_account"));
        assertThat(pets.source()).isEqualTo(ConfigSource.file("~/.snowsql/config", 5));
        assertThat(config.whereSought("pets")).isEqualTo(
                "[connections.pets] or [connections] in ~/.snowsql/config (found [connections.pets] at line 5)");
    }

    @Test
    void connectionsSectionServesANameWithoutItsOwnSection() throws IOException {
        SnowSqlConfig config = read("""
                [connections]
                accountname = shared
                [connections.other]
                accountname = other
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.asMap()).isEqualTo(Map.of("account", "shared"));
        assertThat(pets.path()).isEqualTo("connections.pets");
        assertThat(pets.source()).isEqualTo(ConfigSource.file("~/.snowsql/config", 1));
    }

    @Test
    void missingFileReadsAsEmptyAndWhereSoughtSaysNotFound() {
        SnowSqlConfig config = SnowSqlConfig.read(home);

        assertThat(config.connection("pets", "connections.pets", List.of())).isEmpty();
        assertThat(config.whereSought("pets"))
                .isEqualTo("[connections.pets] or [connections] in ~/.snowsql/config (not found)");
    }

    @Test
    void fileWithoutEitherSectionGivesNothingAndWhereSoughtSaysNoSuchSection() throws IOException {
        SnowSqlConfig config = read("""
                [options]
                log_level = DEBUG
                [connections.other]
                accountname = other
                [Connections]
                accountname = wrong_case
                """);

        assertThat(config.connection("pets", "connections.pets", List.of())).isEmpty();
        assertThat(config.whereSought("pets"))
                .isEqualTo("[connections.pets] or [connections] in ~/.snowsql/config (no such section)");
    }

    @Test
    void optionsAndOtherSectionsAreIgnored() throws IOException {
        SnowSqlConfig config = read("""
                [options]
                log_level = DEBUG
                auto_completion = True
                [connections.pets]
                accountname = pets
                [connections.other]
                password = other
                [variables]
                sample = x
                """);

        assertThat(pets(config).asMap()).isEqualTo(Map.of("account", "pets"));
    }

    @Test
    void snowSqlNamesAreRenamedAndOtherKeysKept() throws IOException {
        SnowSqlConfig config = read("""
                [connections.pets]
                accountname = acme
                username = jane
                password = pw
                dbname = petsdb
                schemaname = public
                warehousename = wh
                rolename = analyst
                private_key_path = /keys/rsa_key.p8
                authenticator = snowflake_jwt
                host = acme.snowflakecomputing.com
                port = 443
                protocol = https
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.keys()).containsExactly("account", "user", "password", "database", "schema", "warehouse",
                "role", "private_key_file", "authenticator", "host", "port", "protocol");
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.string("user")).contains("jane");
        assertThat(pets.string("database")).contains("petsdb");
        assertThat(pets.string("schema")).contains("public");
        assertThat(pets.string("warehouse")).contains("wh");
        assertThat(pets.string("role")).contains("analyst");
        assertThat(pets.string("private_key_file")).contains("/keys/rsa_key.p8");
        assertThat(pets.string("port")).contains("443");
        assertThat(pets.value("port")).contains("443");
    }

    @Test
    void dbIsRenamedDatabaseToo() throws IOException {
        assertThat(pets(read("[connections]\ndb = petsdb\n")).asMap()).isEqualTo(Map.of("database", "petsdb"));
    }

    @Test
    void quotesAroundAWholeValueAreStripped() throws IOException {
        SnowSqlConfig config = read("""
                [connections]
                accountname = "acme"
                username = 'jane'
                password = "it's \"quoted\" inside"
                rolename = "half
                warehousename = ab"c"
                schemaname = " padded "
                dbname = ""
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.string("user")).contains("jane");
        assertThat(pets.string("password")).contains("it's \"quoted\" inside");
        assertThat(pets.string("role")).contains("\"half");
        assertThat(pets.string("warehouse")).contains("ab\"c\"");
        assertThat(pets.string("schema")).contains(" padded ");
        assertThat(pets.string("database")).contains("");
    }

    @Test
    void hashAfterWhitespaceStartsACommentButAHashInsideAValueStays() throws IOException {
        SnowSqlConfig config = read("""
                [connections] # the shared one
                password = pa#ss
                username = jane # who runs the reports
                accountname = acme\t#tab before the comment
                rolename = # nothing but a comment
                warehousename = "wh #1" # quoted: the hash inside is kept
                dbname = 'db #2'
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.string("password")).contains("pa#ss");
        assertThat(pets.string("user")).contains("jane");
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.string("role")).contains("");
        assertThat(pets.string("warehouse")).contains("wh #1");
        assertThat(pets.string("database")).contains("db #2");
    }

    @Test
    void fullLineCommentsStartWithHashOrSemicolon() throws IOException {
        SnowSqlConfig config = read("""
                # SnowSQL's config
                ; written by hand
                [connections]
                # accountname = commented_out
                    ; username = commented_out
                accountname = acme
                """);

        assertThat(pets(config).asMap()).isEqualTo(Map.of("account", "acme"));
    }

    @Test
    void colonSeparatesLikeEqualsAndTheFirstSeparatorEndsTheKey() throws IOException {
        SnowSqlConfig config = read("""
                [connections]
                accountname: acme
                password = a:b=c
                username:jane=doe
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.string("password")).contains("a:b=c");
        assertThat(pets.string("user")).contains("jane=doe");
    }

    @Test
    void keysAreCaseInsensitiveButSectionNamesAreNot() throws IOException {
        SnowSqlConfig config = read("""
                [connections.Pets]
                accountname = capital
                [connections.pets]
                AccountName = acme
                USERNAME = JANE
                """);

        assertThat(pets(config).asMap()).isEqualTo(Map.of("account", "acme", "user", "JANE"));
        assertThat(config.connection("Pets", "connections.Pets", List.of()).orElseThrow().asMap())
                .isEqualTo(Map.of("account", "capital"));
    }

    @Test
    void indentedLinesContinueTheValueAbove() throws IOException {
        SnowSqlConfig config = read("""
                [connections]
                authenticator = first
                    second
                  # a comment inside is skipped

                    after a blank line
                accountname = acme
                   username = part of accountname
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.string("authenticator")).contains("first\nsecond\n\nafter a blank line");
        assertThat(pets.string("account")).contains("acme\nusername = part of accountname");
        assertThat(pets.keys()).containsExactly("authenticator", "account");
    }

    @Test
    void indentedSectionsAndKeysAreNoContinuationAfterAHeader() throws IOException {
        SnowSqlConfig config = read("""
                  [connections]
                    accountname = acme
                    username = jane
                """);

        assertThat(pets(config).asMap()).isEqualTo(Map.of("account", "acme", "user", "jane"));
    }

    @Test
    void sourcesNameTheFileAndTheLineOfEachKey() throws IOException {
        SnowSqlConfig config = read("""
                [options]
                log_level = DEBUG

                [connections.pets]
                accountname = acme
                # comment
                password = pw
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.source()).isEqualTo(ConfigSource.file("~/.snowsql/config", 4));
        assertThat(pets.source()).hasToString("~/.snowsql/config:4");
        assertThat(pets.sourceOf("account")).contains(ConfigSource.file("~/.snowsql/config", 5));
        assertThat(pets.sourceOf("password")).contains(ConfigSource.file("~/.snowsql/config", 7));
    }

    @Test
    void windowsLineEndingsCountLinesAlike() throws IOException {
        SnowSqlConfig config = read("[connections]\r\naccountname = acme\r\n\r\nusername = jane\r\n");

        ConnectionConfig pets = pets(config);
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.sourceOf("user")).contains(ConfigSource.file("~/.snowsql/config", 4));
    }

    @Test
    void passwordsAndTheGivenSensitiveKeysAreMasked() throws IOException {
        SnowSqlConfig config = read("[connections]\npassword = " + CANARY + "\nmagic = word\naccountname = acme\n");

        ConnectionConfig pets = config.connection("pets", "connections.pets", List.of("magic")).orElseThrow();
        assertThat(pets.isSensitive("magic")).isTrue();
        assertThat(pets.masked()).isEqualTo(Map.of("password", "****", "magic", "****", "account", "acme"));
        assertThat(pets.toString()).doesNotContain(CANARY);
    }

    @Test
    void defaultSectionFillsInKeysTheSectionLacks() throws IOException {
        SnowSqlConfig config = read("""
                [DEFAULT]
                rolename = analyst
                accountname = default_account
                [connections]
                accountname = acme
                """);

        ConnectionConfig pets = pets(config);
        assertThat(pets.asMap()).isEqualTo(Map.of("account", "acme", "role", "analyst"));
        assertThat(pets.sourceOf("role")).contains(ConfigSource.file("~/.snowsql/config", 2));
    }

    @Test
    void byteOrderMarkIsAccepted() throws IOException {
        Path directory = Files.createDirectories(home.resolve(".snowsql"));
        Files.write(directory.resolve("config"),
                ("\uFEFF[connections]\naccountname = acme\n").getBytes(StandardCharsets.UTF_8));

        ConnectionConfig pets = pets(SnowSqlConfig.read(home));
        assertThat(pets.string("account")).contains("acme");
        assertThat(pets.source()).isEqualTo(ConfigSource.file("~/.snowsql/config", 1));
    }

    @Test
    void lineThatIsNeitherSectionKeyNorCommentIsAnErrorNamingItsLine() throws IOException {
        ConnectionConfigException error = readError("[connections]\naccountname = acme\n" + CANARY + " and more\n");

        assertThat(error).hasMessageContaining("~/.snowsql/config:3")
                .hasMessageContaining("neither a [section], a key = value nor a comment")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void keyWithoutValueIsAnErrorNamingItsLine() throws IOException {
        ConnectionConfigException error = readError("[connections]\n" + CANARY + "\n");

        assertThat(error).hasMessageContaining("~/.snowsql/config:2")
                .hasMessageContaining("a key without a value")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void keyAfterAnInlineCommentHasNoValue() throws IOException {
        ConnectionConfigException error = readError("[connections]\npassword #" + CANARY + " = x\n");

        assertThat(error).hasMessageContaining("~/.snowsql/config:2")
                .hasMessageContaining("a key without a value")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void valueWithoutKeyIsAnErrorNamingItsLine() throws IOException {
        ConnectionConfigException error = readError("[connections]\n = " + CANARY + "\n");

        assertThat(error).hasMessageContaining("~/.snowsql/config:2")
                .hasMessageContaining("a value without a key")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void keyBeforeAnySectionIsAnErrorNamingItsLine() throws IOException {
        ConnectionConfigException error = readError("# comment\npassword = " + CANARY + "\n[connections]\n");

        assertThat(error).hasMessageContaining("~/.snowsql/config:2")
                .hasMessageContaining("before the first section header")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void duplicateKeyIsAnErrorNamingBothLines() throws IOException {
        ConnectionConfigException error = readError("""
                [connections.pets]
                password = %s
                accountname = acme
                PASSWORD = %s
                """.formatted(CANARY, CANARY));

        assertThat(error).hasMessageStartingWith("connections.pets.password: set twice in [connections.pets]")
                .hasMessageContaining("~/.snowsql/config:2 and ~/.snowsql/config:4")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void duplicateSectionIsAnErrorNamingBothLines() throws IOException {
        ConnectionConfigException error = readError("""
                [connections]
                password = %s
                [options]
                [connections]
                accountname = acme
                """.formatted(CANARY));

        assertThat(error).hasMessageStartingWith("[connections] is defined twice")
                .hasMessageContaining("~/.snowsql/config:1 and ~/.snowsql/config:4")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void directoryInPlaceOfTheFileIsAnErrorNamingThePath() throws IOException {
        Files.createDirectories(home.resolve(".snowsql").resolve("config"));

        assertThatThrownBy(() -> SnowSqlConfig.read(home))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageContaining("~/.snowsql/config")
                .hasMessageContaining("is a directory");
    }

    @Test
    void textThatIsNotUtf8IsAnError() throws IOException {
        Path directory = Files.createDirectories(home.resolve(".snowsql"));
        Files.write(directory.resolve("config"), new byte[] {'[', 'c', ']', '\n', 'p', '=', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> SnowSqlConfig.read(home))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Cannot read ~/.snowsql/config: it is not UTF-8 text.");
    }
}
