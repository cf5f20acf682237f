package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link ConnectionConfig} keeps secret values out of everything it shows. */
class ConnectionConfigSecretsTest {

    private static final String SECRET = "s3cr3t-canary";

    @ParameterizedTest
    @ValueSource(strings = {"password", "token", "private_key", "private_key_passphrase", "passcode", "secret",
            "client_secret", "db_password", "oauth_token", "PASSWORD", "Client_Secret", "sslpassword", "PWD",
            "keystorePassword", "app_secret", "aws_secret_access_key", "secret_key", "api_key", "openai_api_key",
            "ApiKey"})
    void sensitiveKeysAreMaskedEverywhereTheConfigIsShown(String key) {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(key, SECRET, "user", "pets"));

        assertThat(config.isSensitive(key)).isTrue();
        assertThat(config.masked()).containsEntry(key, "****").containsEntry("user", "pets");
        assertThat(config.toString()).doesNotContain(SECRET).contains(key + "=****");
        assertThat(config.asMap()).as("asMap holds the real value").containsEntry(key, SECRET);
        assertThat(config.string(key)).contains(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "username", "host", "token_type", "password_hint", "tokens",
            "allow_persistent_secrets", "secret_directory", "primary_key"})
    void otherKeysAreShown(String key) {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(key, "visible"));

        assertThat(config.isSensitive(key)).isFalse();
        assertThat(config.masked()).containsEntry(key, "visible");
    }

    @Test
    void extraSensitiveKeysFromTheBuilderAreMaskedAlsoInNestedTables() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .sensitiveKeys(List.of("API_KEY"))
                .put("api_key", SECRET, ConfigSource.OPTION)
                .put("headers", Map.of("api_key", SECRET + "-nested", "accept", "json"), ConfigSource.OPTION)
                .build();

        assertThat(config.isSensitive("api_key")).isTrue();
        assertThat(config.table("headers").orElseThrow().isSensitive("api_key")).isTrue();
        assertThat(config.masked()).containsEntry("api_key", "****")
                .containsEntry("headers", Map.of("api_key", "****", "accept", "json"));
        assertThat(config.mask("key " + SECRET + "-nested")).isEqualTo("key ****");
    }

    @Test
    void extraSensitiveKeysAreMaskedAlsoInTablesInsideLists() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .sensitiveKeys(List.of("encryption_key"))
                .put("replicas", List.of(Map.of("host", "r1", "encryption_key", SECRET),
                        List.of(Map.of("encryption_key", SECRET + "-deeper"))), ConfigSource.file("s.toml", 6))
                .build();

        assertThat(config.toString()).doesNotContain(SECRET).contains("host=r1");
        assertThat(config.masked().toString()).doesNotContain(SECRET);
        assertThat(config.mask("bad key " + SECRET + "-deeper")).isEqualTo("bad key ****");
        assertThat(config.redact(new IllegalStateException("bad key " + SECRET)).getMessage()).isEqualTo("bad key ****");
    }

    @Test
    void extraSensitiveKeysSurviveAnOverlay() {
        ConnectionConfig secrets = ConnectionConfig.builder("connections.pets").sensitiveKeys(List.of("api_key"))
                .put("api_key", SECRET, ConfigSource.file("secrets.toml", 2)).build();

        ConnectionConfig merged = ConnectionConfig.builder("connections.pets").putAll(secrets)
                .putAll(ConnectionConfig.of("connections.pets", Map.of("user", "pets"))).build();

        assertThat(merged.masked()).containsEntry("api_key", "****");
        assertThat(merged.toString()).doesNotContain(SECRET);
    }

    @Test
    void alwaysSensitiveKeysAreMaskedInNestedTables() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets",
                Map.of("create_engine_kwargs", Map.of("connect_args", Map.of("password", SECRET))));

        assertThat(config.masked().toString()).doesNotContain(SECRET).contains("password=****");
        assertThat(config.mask("it was " + SECRET)).isEqualTo("it was ****");
    }

    @Test
    void aSensitiveKeyHoldingATableOrAListIsMaskedWhole() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets",
                Map.of("secret", Map.of("value", SECRET), "token", List.of(SECRET + "-1", SECRET + "-2")));

        assertThat(config.masked()).containsEntry("secret", "****").containsEntry("token", "****");
        assertThat(config.mask(SECRET + " / " + SECRET + "-2")).isEqualTo("**** / ****");
    }

    @Test
    void passwordsInsideUrlValuesAreMasked() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(
                "url", "postgresql://postgres:pw1@localhost:5432/postgres",
                "jdbc", "jdbc:sqlserver://db:1433;databaseName=pets;user=sa;password=pw2",
                "query_url", "jdbc:postgresql://db/pets?user=pets&password=pw3&ssl=true",
                "ssl_url", "jdbc:postgresql://db/pets?sslpassword=pw4"));

        Map<String, Object> masked = config.masked();
        assertThat(masked).containsEntry("url", "postgresql://postgres:****@localhost:5432/postgres")
                .containsEntry("jdbc", "jdbc:sqlserver://db:1433;databaseName=pets;user=sa;password=****")
                .containsEntry("query_url", "jdbc:postgresql://db/pets?user=pets&password=****&ssl=true")
                .containsEntry("ssl_url", "jdbc:postgresql://db/pets?sslpassword=****");
        assertThat(config.toString()).doesNotContain("pw1", "pw2", "pw3", "pw4");
        assertThat(config.mask("login failed: pw1, pw2, pw3, pw4")).isEqualTo("login failed: ****, ****, ****, ****");
    }

    @Test
    void aPercentEncodedUrlPasswordIsMaskedAlsoAsTheDriverSeesIt() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(
                "url", "postgresql://app:p%40ss-canary@db/pets"));

        assertThat(config.mask("FATAL: password authentication failed for p@ss-canary")).doesNotContain("p@ss-canary");
        assertThat(config.masked()).containsEntry("url", "postgresql://app:****@db/pets");
    }

    @Test
    void oracleThinUrlPasswordsAreMasked() {
        ConnectionConfig config = ConnectionConfig.of("connections.ora", Map.of(
                "url", "jdbc:oracle:thin:scott/tiger-canary@//db:1521/orcl"));

        assertThat(config.masked()).containsEntry("url", "jdbc:oracle:thin:scott/****@//db:1521/orcl");
        assertThat(config.mask("ORA-01017 for jdbc:oracle:thin:scott/tiger-canary@//db:1521/orcl"))
                .doesNotContain("tiger-canary");
    }

    @Test
    void aQuotedOraclePasswordIsMaskedWhole() {
        ConnectionConfig config = ConnectionConfig.of("connections.ora", Map.of(
                "url", "jdbc:oracle:thin:scott/\"ti@ger-canary\"@//db:1521/orcl"));

        assertThat(config.masked()).containsEntry("url", "jdbc:oracle:thin:scott/****@//db:1521/orcl");
        assertThat(config.mask("ORA-01017: ti@ger-canary")).isEqualTo("ORA-01017: ****");
    }

    @Test
    void aSqlServerPasswordInBracesIsMaskedWholeAlsoAsTheServerSeesIt() {
        ConnectionConfig config = ConnectionConfig.of("connections.ms", Map.of(
                "url", "jdbc:sqlserver://db;user=sa;password={a;b}}9x-canary};encrypt=true"));

        assertThat(config.masked()).containsEntry("url", "jdbc:sqlserver://db;user=sa;password=****;encrypt=true");
        assertThat(config.mask("Login failed with a;b}9x-canary")).isEqualTo("Login failed with ****");
    }

    @Test
    void anUnclosedBraceIsMaskedToTheEnd() {
        assertThat(ConnectionConfig.empty("connections.ms").mask("jdbc:sqlserver://db;password={a;b9x;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;password=****");
    }

    @Test
    void maskedTextIsNotMaskedAgainNorTakenForALeak() {
        ConnectionConfig config = ConnectionConfig.empty("connections.ms");
        String masked = config.mask("no driver accepts jdbc:sqlserver://db;password={a;b9x}.)");
        RuntimeException quoting = new RuntimeException(masked);

        assertThat(masked).isEqualTo("no driver accepts jdbc:sqlserver://db;password=****.)");
        assertThat(config.mask(masked)).isEqualTo(masked);
        assertThat(config.redact(quoting)).isSameAs(quoting);
    }

    @Test
    void urlsWithoutPasswordsAreLeftAlone() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of(
                "a", "postgresql://pets@db:5432/pets", "b", "sqlite:///pets.db", "c", "http://db:8080/x?user=u"));

        assertThat(config.masked()).isEqualTo(config.asMap());
        assertThat(config.mask("postgresql://pets@db:5432/pets")).isEqualTo("postgresql://pets@db:5432/pets");
    }

    @Test
    void maskHidesUrlPasswordsTheConfigDoesNotKnow() {
        ConnectionConfig config = ConnectionConfig.empty("connections.pets");

        assertThat(config.mask("cannot reach mysql://root:letmein@db/pets")).isEqualTo("cannot reach mysql://root:****@db/pets");
        assertThat(config.mask("no driver for jdbc:oracle:thin:scott/tiger99@//db:1521/orcl"))
                .isEqualTo("no driver for jdbc:oracle:thin:scott/****@//db:1521/orcl");
        assertThat(config.mask("jdbc:sqlserver://db;password={a;b9x}")).isEqualTo("jdbc:sqlserver://db;password=****");
        assertThat(config.mask(null)).isNull();
    }

    @Test
    void maskHidesALongerSecretWhole() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "abc", "token", "abcdef"));

        assertThat(config.mask("token abcdef, password abc")).isEqualTo("token ****, password ****");
    }

    @Test
    void numericSecretsAreMaskedToo() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets").put("passcode", 424242L, ConfigSource.OPTION).build();

        assertThat(config.masked()).containsEntry("passcode", "****");
        assertThat(config.mask("MFA passcode 424242 rejected")).isEqualTo("MFA passcode **** rejected");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://app:Tr0ub/dor9@db.example.com:5432/pets|Tr0ub/dor9",
            "jdbc:sqlserver://db.example.com;user=sa;password=Tr0ub&dor9;encrypt=true|Tr0ub&dor9",
            "jdbc:h2:mem:pets;USER=sa;PASSWORD=correct horse battery|correct horse battery",
            "jdbc:mysql://(host=db.example.com,port=3306,user=app,password=Hunter2xyz)/pets|Hunter2xyz",
            "jdbc:mysql://address=(host=db.example.com)(user=app)(password=Hunter2xyz)/pets|Hunter2xyz",
            "postgresql://app:correct horse@db.example.com:5432/pets|correct horse",
            "jdbc:postgresql://db.example.com/pets?user=app&password=correct horse&ssl=true|correct horse",
            "jdbc:oracle:thin:scott/Tig3r Zy9@db.example.com:1521/orcl|Tig3r Zy9"})
    void aPasswordWrittenInAnyUrlFormIsMaskedWhole(String urlAndPassword) {
        String url = urlAndPassword.substring(0, urlAndPassword.indexOf('|'));
        String password = urlAndPassword.substring(urlAndPassword.indexOf('|') + 1);
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("url", url));

        for (String shown : List.of(config.toString(), config.masked().toString(), config.mask("driver said: " + url))) {
            for (String part : password.split("[ &/]")) {
                assertThat(shown).doesNotContain(part);
            }
        }
    }

    @Test
    void aSecretInsideALongerWordTakesTheWordWithIt() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "postgres", "port", "x1postgres"));

        assertThat(config.mask("Connection refused (at jdbc:postgresql://127.0.0.1:1/pets) as postgres"))
                .isEqualTo("Connection refused (at jdbc:****://127.0.0.1:1/pets) as ****");
        assertThat(config.toString()).doesNotContain("postgres");
    }

    @Test
    void maskingKeepsTheRestOfAMessageReadable() {
        ConnectionConfig empty = ConnectionConfig.empty("connections.pets");
        ConnectionConfig test = ConnectionConfig.of("connections.pets", Map.of("password", "test"));

        String h2 = "Could not connect jdbc:h2:tcp://db/pets;PASSWORD=x9 - Wrong user name or password [28000-224]";
        assertThat(empty.mask(h2)).isEqualTo("Could not connect jdbc:h2:tcp://db/pets;PASSWORD=**** - Wrong user name"
                + " or password [28000-224]");
        assertThat(empty.mask(empty.mask(h2))).isEqualTo(empty.mask(h2));
        String azure = "cannot reach jdbc:postgresql://srv.postgres.database.azure.com:5432/pets?user=app@srv";
        assertThat(empty.mask(azure)).isEqualTo(azure);
        assertThat(test.mask("Database \"/home/me/test/pets\" not found")).isEqualTo("Database \"/home/me/****/pets\" not found");
    }

    @Test
    void maskingStaysFastOnLongTextsWithoutSpaces() {
        ConnectionConfig empty = ConnectionConfig.empty("connections.pets");
        String urls = "http://h:80/x,".repeat(40_000);
        String colons = "://a:".repeat(40_000);
        String oracle = ":thin:a/".repeat(40_000);

        // A guard against backtracking that took minutes, not a measurement.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(empty.mask(urls)).isEqualTo(urls);
            assertThat(empty.mask(colons)).isEqualTo(colons);
            assertThat(empty.mask(oracle)).isEqualTo(oracle);
        });
    }

    @Test
    void aUrlGivenAsAUriIsTextWhosePasswordIsMasked() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets",
                Map.of("url", java.net.URI.create("postgresql://app:Hunter2xyz@db/pets")));

        assertThat(config.string("url")).hasValue("postgresql://app:Hunter2xyz@db/pets");
        assertThat(config.toString()).doesNotContain("Hunter2xyz");
        assertThat(config.mask("failed at postgresql://app:Hunter2xyz@db/pets")).doesNotContain("Hunter2xyz");
    }

    @Test
    void aSecretCopiedIntoANestedTableOrListIsMaskedToo() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "Hunter2xyz",
                "query", Map.of("options", "-c app=Hunter2xyz"), "replicas", List.of(Map.of("host", "Hunter2xyz"))));

        assertThat(config.toString()).doesNotContain("Hunter2xyz");
        assertThat(config.masked().toString()).doesNotContain("Hunter2xyz");
    }

    @Test
    void redactKeepsAConfigurationErrorAConfigurationError() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        ConnectionConfigException error = new ConnectionConfigException("connections.pets.url: bad " + SECRET);

        Throwable redacted = config.redact(error);

        assertThat(redacted).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.url: bad ****")
                .hasToString("io.connectionkit.api.ConnectionConfigException: connections.pets.url: bad **** [secrets masked]");
        assertThat(redacted.getStackTrace()).isEqualTo(error.getStackTrace());
        assertThat(config.redact(new ConnectionConfigException("no secret here"))).hasMessage("no secret here");
        assertThat(config.redact(new MissingDriverException("no driver for jdbc:x://u:" + SECRET + "@h")))
                .isInstanceOf(ConnectionConfigException.class)
                .hasToString(MissingDriverException.class.getName() + ": no driver for jdbc:x://u:****@h [secrets masked]");
    }

    /** A connector's own kind of configuration error. */
    static final class MissingDriverException extends ConnectionConfigException {
        private static final long serialVersionUID = 1L;

        MissingDriverException(String message) {
            super(message);
        }
    }

    @Test
    void redactReturnsTheSameErrorWhenItHoldsNoSecret() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        IOException error = new IOException("Connection refused", new IllegalStateException("socket closed"));

        assertThat(config.redact(error)).isSameAs(error);
        assertThat(config.redact(null)).isNull();
    }

    @Test
    void redactCopiesTheChainWithMessagesMaskedAndClassesNamed() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        IOException root = new IOException("socket closed");
        SQLException error = new SQLException("auth failed with " + SECRET, "28P01", root);
        error.addSuppressed(new IllegalStateException("also tried " + SECRET));

        Throwable redacted = config.redact(error);

        assertThat(redacted).isNotSameAs(error).hasMessage("auth failed with ****");
        assertThat(redacted.toString()).isEqualTo("java.sql.SQLException: auth failed with **** [secrets masked]");
        assertThat(redacted.getStackTrace()).isEqualTo(error.getStackTrace());
        assertThat(redacted.getCause()).hasMessage("socket closed");
        assertThat(redacted.getCause().toString()).startsWith("java.io.IOException: socket closed");
        assertThat(redacted.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.toString()).contains("java.lang.IllegalStateException: also tried ****"));
    }

    @Test
    void redactFindsASecretDeepInTheChainAndSurvivesCycles() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        Exception outer = new Exception("outer");
        Exception inner = new Exception("inner " + SECRET);
        outer.initCause(inner);
        inner.initCause(outer);

        Throwable redacted = config.redact(outer);

        assertThat(redacted.getMessage()).isEqualTo("outer");
        assertThat(redacted.getCause()).hasMessage("inner ****");
        assertThat(redacted.getCause().getCause()).isNull();
    }

    @Test
    void redactingTwiceKeepsTheOriginalClassName() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET, "token", "tok-9"));
        Throwable once = config.redact(new SQLException(SECRET + " tok-9"));

        Throwable twice = ConnectionConfig.of("connections.pets", Map.of("token", "****")).redact(once);

        assertThat(twice.toString()).startsWith("java.sql.SQLException: ");
    }
}
