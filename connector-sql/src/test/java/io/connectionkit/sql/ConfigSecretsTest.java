package io.connectionkit.sql;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.connectionkit.sql.Configs.section;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@link SQLConnectionProvider#secretsIn} declares, for the configuration to mask wherever it shows. */
class ConfigSecretsTest {

    private static final SQLConnectionProvider PROVIDER = new SQLConnectionProvider();

    @Test
    void passwordsInsideAUrlAreDeclaredAsWrittenAndAsTheDriverIsGivenThem() {
        assertThat(PROVIDER.secretsIn(section("url", "postgresql://app:p%40ss@h/db?sslpassword=k%2By")))
                .containsExactlyInAnyOrder("p%40ss", "p@ss", "k%2By", "k+y");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:sqlserver://h;password={a;b}}c}")))
                .containsExactlyInAnyOrder("{a;b}}c}", "a;b}c");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:oracle:thin:scott/\"ti@ger\"@db:1521/orcl")))
                .containsExactlyInAnyOrder("\"ti@ger\"", "ti@ger");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:mysql://(host=db,password=pw)/pets"))).containsExactly("pw");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:duckdb:md:pets?motherduck_token=tok"))).containsExactly("tok");
    }

    @Test
    void aUserIsNoSecret() {
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:mariadb://app:pw@h/db?user=other"))).containsExactly("pw");
        assertThat(PROVIDER.secretsIn(section("url", "postgresql://app@h/db", "username", "app"))).isEmpty();
    }

    @Test
    void secretNamedQueryEntriesAreDeclaredOthersNot() {
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:h2:mem:x",
                "query", Map.of("CIPHER", "AES", "FILE_PASSWORD", "fpw"))))
                .containsExactly("fpw");
        assertThat(PROVIDER.secretsIn(section("dialect", "mssql", "host", "h", "username", "u",
                "query", Map.of("trustStorePassword", "{t;s}"))))
                .containsExactlyInAnyOrder("{t;s}", "t;s");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://db/pets?disconnectOnExpiredPasswords=true&useSSL=true&passwordCharacterEncoding=UTF-8",
            "jdbc:h2:mem:pets;PASSWORD_HASH=TRUE;MODE=MySQL",
            "jdbc:duckdb:/tmp/pets.duckdb;allow_persistent_secrets=true",
            "jdbc:postgresql://db/pets?sslpasswordcallback=org.example.Prompt&ssl=true",
            "jdbc:sqlserver://db;accessTokenCallbackClass=org.example.Tokens;encrypt=true"})
    void aSettingWhoseNameOnlyMentionsASecretIsNoSecretAndItsValueShows(String url) {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("url", url, ConfigSource.OPTION).build();

        assertThat(PROVIDER.secretsIn(config)).isEmpty();
        assertThat(config.toString()).isEqualTo("connections.pets{url=" + url + "}");
        assertThat(config.mask("Communications link failure: useSSL=true, TRUE, UTF-8, on")).doesNotContain("****");
    }

    @Test
    void theNamesTakenForSecretsAreTheConfigurationsOwn() {
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:foo://db/pets?passwd=pw-1&api_key=key-2&apikey=key-3&user=app")))
                .containsExactlyInAnyOrder("pw-1", "key-2", "key-3");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:duckdb:/tmp/pets.duckdb;s3_secret_access_key=key-4;threads=2")))
                .containsExactly("key-4");
        ConnectionConfig extra = ConnectionConfig.builder("connections.pets").sensitiveKeys(List.of("wallet"))
                .put("url", "jdbc:oracle:thin:@//db:1521/orcl?wallet=w-5", ConfigSource.OPTION).build();
        assertThat(PROVIDER.secretsIn(extra)).containsExactly("w-5");
    }

    @Test
    void aSecretInsideAnEmbeddedDatabasesPathIsDeclaredAndAnH2QueryStringHidesTheWholeUrl() {
        ConnectionConfig lake = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("url", "jdbc:duckdb:ducklake:postgres:dbname=lake password=Hunter2xyz", ConfigSource.OPTION).build();
        ConnectionConfig h2 = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("url", "jdbc:h2:mem:pets?user=sa&password=Hunter2xyz", ConfigSource.OPTION).build();

        assertThat(lake.toString()).isEqualTo("connections.pets{url=jdbc:duckdb:ducklake:postgres:dbname=lake password=****}");
        assertThat(h2.toString()).doesNotContain("Hunter2xyz");
        assertThat(h2.mask("Database \"mem:pets?user=sa&password=Hunter2xyz\" not found")).doesNotContain("Hunter2xyz");
    }

    @Test
    void aPasswordInTheDatabaseOfAConfigurationWithoutUrlIsDeclaredAsInAUrl() {
        ConnectionConfig h2 = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("dialect", "h2", ConfigSource.OPTION).put("database", "mem:pets;PASSWORD=Hunter2xyz", ConfigSource.OPTION)
                .build();
        ConnectionConfig duck = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("dialect", "duckdb", ConfigSource.OPTION)
                .put("database", "md:pets?motherduck_token=Hunter2xyz", ConfigSource.OPTION).build();

        assertThat(PROVIDER.secretsIn(h2)).containsExactly("Hunter2xyz");
        assertThat(h2.toString()).isEqualTo("connections.pets{dialect=h2, database=mem:pets;PASSWORD=****}");
        assertThat(PROVIDER.secretsIn(duck)).containsExactly("Hunter2xyz");
        assertThat(duck.toString()).isEqualTo("connections.pets{dialect=duckdb, database=md:pets?motherduck_token=****}");
    }

    @Test
    void aUrlThatCannotBeReadIsDeclaredWholeWithWhatItSeemsToHold() {
        assertThat(PROVIDER.secretsIn(section("url", "nosuchdb://app:pw-1@h:5432/pets")))
                .contains("nosuchdb://app:pw-1@h:5432/pets", "pw-1");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:postgresql://admin:hunter2/db")))
                .contains("jdbc:postgresql://admin:hunter2/db");
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:sqlserver://h;password={unclosed")))
                .contains("jdbc:sqlserver://h;password={unclosed", "{unclosed");
    }

    @Test
    void anUnknownDriversUrlIsDeclaredByItsGenericStructure() {
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:db2://h:50000/pets:user=app;password=pw;")))
                .containsExactly("pw");
    }

    @Test
    void neverFailsWhateverTheConfiguration() {
        assertThat(PROVIDER.secretsIn(ConnectionConfig.empty("connections.pets"))).isEmpty();
        assertThat(PROVIDER.secretsIn(section("url", Map.of("not", "text"), "query", "not a table"))).isEmpty();
        assertThat(PROVIDER.secretsIn(section("url", " "))).isEmpty();
        assertThat(PROVIDER.secretsIn(section("url", "jdbc:"))).as("a bare scheme holds nothing").isEmpty();
        assertThat(PROVIDER.secretsIn(section("url", "hunter2"))).as("a password where the url goes").contains("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://app:Tr0ub/dor9@db.example.com:5432/pets|Tr0ub/dor9",
            "postgresql://app:p%40ss-canary@db.example.com/pets|p@ss-canary",
            "jdbc:sqlserver://db.example.com;user=sa;password=Tr0ub&dor9;encrypt=true|Tr0ub&dor9",
            "jdbc:sqlserver://db;user=sa;password={a;b}}9x-canary};encrypt=true|a;b}9x-canary",
            "jdbc:h2:mem:pets;USER=sa;PASSWORD=correct horse battery|correct horse battery",
            "jdbc:mysql://(host=db.example.com,port=3306,user=app,password=Hunter2xyz)/pets|Hunter2xyz",
            "jdbc:mysql://address=(host=db.example.com)(user=app)(password=Hunter2xyz)/pets|Hunter2xyz",
            "postgresql://app:correct horse@db.example.com:5432/pets|correct horse",
            "jdbc:postgresql://db.example.com/pets?user=app&password=correct horse&ssl=true|correct horse",
            "jdbc:oracle:thin:scott/Tig3r Zy9@db.example.com:1521/orcl|Tig3r Zy9",
            "jdbc:oracle:thin:scott/\"ti@ger-canary\"@//db:1521/orcl|ti@ger-canary"})
    void aPasswordWrittenInAnyUrlFormNeverShowsWhereTheConfigurationOrADriversWordsDo(String urlAndPassword) {
        String url = urlAndPassword.substring(0, urlAndPassword.indexOf('|'));
        String password = urlAndPassword.substring(urlAndPassword.indexOf('|') + 1);
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("url", url, ConfigSource.OPTION).build();

        for (String shown : List.of(config.toString(), config.masked().toString(),
                String.valueOf(config.mask("driver said: " + url + " / login failed for " + password)))) {
            for (String part : password.split("[ &/]")) {
                assertThat(shown).as(shown).doesNotContain(part);
            }
        }
    }

    @Test
    void aUrlGivenAsAUriIsReadAsTextAndItsPasswordNeverShows() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").secretsFoundBy(PROVIDER::secretsIn)
                .put("url", URI.create("postgresql://app:Hunter2xyz@db/pets"), ConfigSource.OPTION).build();

        assertThat(config.string("url")).hasValue("postgresql://app:Hunter2xyz@db/pets");
        assertThat(config.masked()).containsEntry("url", "postgresql://app:****@db/pets");
        assertThat(config.mask("failed at postgresql://app:Hunter2xyz@db/pets")).isEqualTo("failed at postgresql://app:****@db/pets");
    }
}
