package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
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
            "ApiKey", "accessToken", "sslpassphrase", "passwd"})
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
    void valuesTheConnectorFindsInsideOtherValuesAreMaskedWhereverTheyShow() {
        List<ConnectionConfig> askedWith = new ArrayList<>();
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> {
                    askedWith.add(built);
                    return List.of("pw1", "p@ss");
                })
                .put("url", "postgresql://postgres:pw1@localhost:5432/postgres", ConfigSource.OPTION)
                .put("jdbc", "jdbc:postgresql://db/pets?user=pets&password=p%40ss", ConfigSource.OPTION)
                .build();

        assertThat(config.masked()).containsEntry("url", "postgresql://postgres:****@localhost:5432/postgres");
        assertThat(config.toString()).doesNotContain("pw1");
        assertThat(config.mask("login failed for p@ss with pw1")).isEqualTo("login failed for **** with ****");
        assertThat(config.redact(new IllegalStateException("pw1"))).hasMessage("****");
        assertThat(askedWith).as("asked once, with the built configuration").containsExactly(config);
    }

    @Test
    void aFinderThatFailsMakesEveryValueASecret() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> {
                    throw new IllegalArgumentException("cannot parse");
                })
                .put("url", "weird://app:Hunter2xyz@db", ConfigSource.OPTION)
                .put("options", Map.of("role", "reader"), ConfigSource.OPTION)
                .build();

        assertThat(config.masked()).containsEntry("url", "****").containsEntry("options", Map.of("role", "****"));
        assertThat(config.mask("no route to weird://app:Hunter2xyz@db")).isEqualTo("no route to ****");
    }

    @Test
    void aNestedTableMasksWithTheSecretsOfTheWholeConnection() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> List.of("found-canary"))
                .put("password", SECRET, ConfigSource.OPTION)
                .put("create_engine_kwargs", Map.of("connect_args", Map.of("options", "-c key=found-canary")),
                        ConfigSource.OPTION)
                .build();
        ConnectionConfig kwargs = config.table("create_engine_kwargs").orElseThrow();

        assertThat(kwargs.mask("rejected " + SECRET + " and found-canary")).isEqualTo("rejected **** and ****");
        assertThat(kwargs.toString()).doesNotContain("found-canary");
        assertThat(kwargs.table("connect_args").orElseThrow().masked()).containsEntry("options", "-c key=****");
    }

    @Test
    void aSecondFinderIsRefused() {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections.pets").secretsFoundBy(config -> List.of());

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> builder.secretsFoundBy(config -> List.of("x")))
                .withMessage("secretsFoundBy was already set for connections.pets");
    }

    @Test
    void aCopyNeverMasksLessThanItsOriginal() {
        ConnectionConfig original = ConnectionConfig.builder("connections.pets").secretsFoundBy(config -> List.of("Hunter2xyz"))
                .put("url", "postgresql://app:Hunter2xyz@db/pets", ConfigSource.OPTION).build();

        ConnectionConfig copy = ConnectionConfig.builder("connections.pets").putAll(original)
                .put("database", "pets", ConfigSource.OPTION).build();
        ConnectionConfig nested = ConnectionConfig.builder("connections.all").put("pets", original, ConfigSource.OPTION).build();

        assertThat(copy.toString()).doesNotContain("Hunter2xyz").contains("url=postgresql://app:****@db/pets");
        assertThat(copy.mask("FATAL for Hunter2xyz")).isEqualTo("FATAL for ****");
        assertThat(nested.toString()).doesNotContain("Hunter2xyz");
    }

    @Test
    void aConfigurationThatReplacesAnotherMasksItsSecretsTooButNotThoseItCarried() {
        ConnectionConfig first = ConnectionConfig.of("connections.pets", Map.of("password", "first-pw"));
        ConnectionConfig second = ConnectionConfig.builder("connections.pets").secretsOf(first)
                .put("password", "second-pw", ConfigSource.OPTION).build();
        ConnectionConfig third = ConnectionConfig.builder("connections.pets").secretsOf(second)
                .put("password", "third-pw", ConfigSource.OPTION).build();

        assertThat(second.mask("login with first-pw, then second-pw")).isEqualTo("login with ****, then ****");
        assertThat(third.mask("first-pw, second-pw, third-pw")).isEqualTo("first-pw, ****, ****");
    }

    @Test
    void aFinderThatShowsTheConfigurationItIsGivenNeitherLoopsNorShowsASecret() {
        List<String> shown = new ArrayList<>();
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> {
                    shown.add(built.toString());
                    return List.of("Hunter2xyz");
                })
                .put("url", "postgresql://app:Hunter2xyz@db/pets", ConfigSource.OPTION).build();

        assertThat(config.mask("Hunter2xyz")).isEqualTo("****");
        assertThat(shown).singleElement().isEqualTo("connections.pets{url=****}");
    }

    @Test
    void aFinderThatCannotLoadAClassMakesEveryValueASecret() {
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> {
                    throw new NoClassDefFoundError("org/example/UrlParser");
                })
                .put("url", "weird://app:Hunter2xyz@db", ConfigSource.OPTION).build();

        assertThat(config.redact(new IllegalStateException("at weird://app:Hunter2xyz@db"))).hasMessage("at ****");
    }

    @Test
    void theFinderIsAskedOnceHoweverManyThreadsAskFirst() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        ConnectionConfig config = ConnectionConfig.builder("connections.pets")
                .secretsFoundBy(built -> {
                    asked.incrementAndGet();
                    return List.of("Hunter2xyz");
                })
                .put("url", "postgresql://app:Hunter2xyz@db/pets", ConfigSource.OPTION).build();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> masked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                masked.add(threads.submit(() -> {
                    start.await();
                    return config.mask("Hunter2xyz");
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<String> each : masked) {
                assertThat(each.get()).isEqualTo("****");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void aBooleanIsNoSecretEvenUnderAKeyNamedLikeOne() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("use_password", true, "password", "pw-9"));

        assertThat(config.mask("ssl is true, pw-9 rejected")).isEqualTo("ssl is true, **** rejected");
        assertThat(config.masked()).containsEntry("use_password", "****");
    }

    @Test
    void aSecretOfAnyLengthIsMasked() {
        ConnectionConfig one = ConnectionConfig.of("connections.pets", Map.of("password", "1"));
        ConnectionConfig test = ConnectionConfig.of("connections.pets", Map.of("password", "test"));

        assertThat(one.mask("attempt 1 of 3, at 127.0.0.1")).isEqualTo("attempt **** of 3, at ****.0.0.****");
        assertThat(test.mask("Database \"/home/me/test/pets\" not found")).isEqualTo("Database \"/home/me/****/pets\" not found");
        assertThat(test.mask("user tester")).isEqualTo("user ****");
    }

    @Test
    void textWithoutASecretIsReturnedAsItIs() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        String text = "Connection refused (at jdbc:postgresql://127.0.0.1:1/pets)";
        IOException error = new IOException(text);

        assertThat(config.mask(text)).isSameAs(text);
        assertThat(config.redact(error)).isSameAs(error);
        assertThat(config.mask(null)).isNull();
    }

    @Test
    void maskingTwiceChangesNothing() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "Tr0ub/dor9"));
        String masked = config.mask("login as app:Tr0ub/dor9@db failed");
        RuntimeException quoting = new RuntimeException(masked);

        assertThat(masked).isEqualTo("login as app:****@db failed");
        assertThat(config.mask(masked)).isSameAs(masked);
        assertThat(config.redact(quoting)).isSameAs(quoting);
    }

    @Test
    void theMaskNextToTheRestOfTheTextNeverSpellsTheSecretAgain() {
        for (String[] secretAndText : new String[][] {{"*-", "*--"}, {"*a*", "*a*a*"}, {"-*", "--**-*"}}) {
            ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", secretAndText[0]));

            assertThat(config.mask(secretAndText[1])).as(secretAndText[1]).doesNotContain(secretAndText[0]).contains("****");
        }
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

    @Test
    void aSecretInsideALongerWordTakesTheWordWithIt() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "postgres", "port", "x1postgres"));

        assertThat(config.mask("Connection refused (at jdbc:postgresql://127.0.0.1:1/pets) as postgres"))
                .isEqualTo("Connection refused (at jdbc:****://127.0.0.1:1/pets) as ****");
        assertThat(config.toString()).doesNotContain("postgres");
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
    void redactLooksAtTheNextExceptionsOfAnSqlException() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        SQLException batch = new SQLException("Batch entry 0 failed");
        batch.setNextException(new SQLException("ERROR: value " + SECRET + " too long", "22001"));

        Throwable redacted = config.redact(batch);

        assertThat(redacted).isNotSameAs(batch).hasMessage("Batch entry 0 failed");
        assertThat(redacted.getSuppressed()).singleElement().satisfies(next ->
                assertThat(next).hasMessage("ERROR: value **** too long"));
    }

    @Test
    void anExceptionWhoseTextCannotBeReadIsCopiedAsNotTrusted() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", SECRET));
        RuntimeException unreadable = new RuntimeException("plain") {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };

        Throwable redacted = config.redact(unreadable);

        assertThat(redacted).isNotSameAs(unreadable).hasMessage("plain");
    }

    @Test
    void aTextCraftedToSpellTheSecretOverAndOverIsMaskedWholeAndQuickly() {
        ConnectionConfig config = ConnectionConfig.of("connections.pets", Map.of("password", "pa$$*"));
        String crafted = "pa$$".repeat(20_000) + "*";

        String masked = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> config.mask(crafted));

        assertThat(masked).isEqualTo("****");
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

        Throwable twice = ConnectionConfig.of("connections.pets", Map.of("token", "masked")).redact(once);

        assertThat(twice).isNotSameAs(once);
        assertThat(twice.toString()).startsWith("java.sql.SQLException: ").doesNotContain("masked ");
    }
}
