package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whatever the secret (a short common word, a digit, punctuation, {@code @ / %}, spaces, letters
 * beyond ASCII) and wherever the configuration holds it (a sensitive key, a nested table, a list or
 * table under a sensitive key, a key the provider declares, inside a value where the connector finds
 * it, a copy of such a configuration), it never shows in masked text, and text
 * without it is left exactly as it was. Secrets made of asterisks alone are left out: they cannot
 * be told from the mask.
 *
 * <p>The cases come from a seeded generator, so a failure names the seed and case that reproduce
 * it; {@code -Dconnectionkit.masking.seed=N} runs another series.
 */
class SecretMaskingPropertiesTest {

    private static final int CASES = 10_000;
    private static final long SEED = Long.getLong("connectionkit.masking.seed", 20_261_207L);

    /** Pieces of secrets and of the text around them; whole strings, so that no surrogate pair is split. */
    private static final List<String> PIECES = List.of("a", "b", "e", "p", "s", "t", "x", "Z", "0", "1", "7", "9",
            "test", "pass", "root", "postgres", "admin", "sa", "user", "sql", "jdbc", "db", "secret", "****", "*",
            " ", "  ", "@", "/", "%", "%40", ":", ";", "=", "&", "?", "#", "'", "\"", "\\", ".", ",", "-", "_", "(", ")",
            "{", "}", "[", "]", "!", "$", "+", "~", "\t", "\n", "ä", "ß", "é", "ñ", "Ж", "п", "中", "文", "🔑", "ｱ");

    private static final List<String> COMMON_SECRETS = List.of("test", "1", "a", "postgres", "sa", "root", "p@ss w/rd%",
            "Zebra", " ", "password", "123456", "é");

    /** What drivers and servers say around a secret, {@code %s} where it goes. */
    private static final List<String> MESSAGES = List.of(
            "%s",
            "FATAL: password authentication failed for user \"%s\"",
            "Connection to jdbc:postgresql://app:%s@127.0.0.1:5432/pets refused",
            "Access denied for user 'root'@'localhost' (using password: %s)",
            "Wrong user name or password [28000-224] at jdbc:h2:mem:pets;USER=sa;PASSWORD=%s",
            "Login failed for user 'sa'. ClientConnectionId:%s",
            "ORA-01017: invalid username/password; logon denied for scott/%s@//db:1521/orcl",
            "Invalid URL entry: motherduck_token=%s",
            "%s%s",
            "prefix%ssuffix",
            "[%s]",
            "key=%s&other=%s");

    /** The class name a {@code toString()} starts with: code, not configuration. */
    private static final Pattern CLASS_NAME = Pattern.compile("^java\\.(?:io|sql|lang)\\.(?:SQLException|IOException|IllegalStateException)");

    /** Where the configuration holds the secret. */
    private enum Planting {
        PASSWORD_KEY, NESTED_TABLE, LIST_UNDER_SENSITIVE_KEY, TABLE_UNDER_SENSITIVE_KEY, FOUND_BY_THE_CONNECTOR,
        KEY_THE_PROVIDER_DECLARES, COPY_OF_A_CONFIGURATION_WHOSE_CONNECTOR_FOUND_IT
    }

    @Test
    void aSecretPlantedInTheConfigurationNeverShowsAfterMasking() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            String secret = secret(random);
            Planting where = planting(random);
            String message = (text(random) + "|" + pick(random, MESSAGES) + "|" + text(random)).replace("%s", secret);
            String context = "seed " + SEED + ", case " + i + ": secret " + quoted(secret) + " as " + where + " in "
                    + quoted(message);
            ConnectionConfig config = configuration(secret, where);
            Throwable error = new SQLException(message, "28000", new IOException(message));
            error.addSuppressed(new IllegalStateException(message));

            String masked = config.mask(message);
            assertThat(masked).as(context).doesNotContain(secret);
            assertThat(config.mask(masked)).as(context + ", masked twice").isEqualTo(masked);
            assertThat(texts(config.redact(error))).as(context + ", redacted").allSatisfy(text ->
                    assertThat(text).as(context).doesNotContain(secret));
            assertThat(values(config.masked())).as(context + ", masked()").allSatisfy(value ->
                    assertThat(value).as(context).doesNotContain(secret));
        }
    }

    @Test
    void textWithoutTheSecretIsLeftExactlyAsItWas() {
        Random random = new Random(SEED + 1);
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            String secret = secret(random);
            String text = text(random);
            if (text.contains(secret)) {
                continue;
            }
            checked++;
            Planting where = planting(random);
            String context = "seed " + (SEED + 1) + ", case " + i + ": secret " + quoted(secret) + " as " + where
                    + ", text " + quoted(text);
            ConnectionConfig config = configuration(secret, where);
            IOException error = new IOException(text);

            assertThat(config.mask(text)).as(context).isSameAs(text);
            assertThat(config.redact(error)).as(context).isSameAs(error);
        }
        assertThat(checked).as("cases whose text does not hold the secret").isGreaterThan(CASES / 2);
    }

    private static String secret(Random random) {
        while (true) {
            String secret = random.nextInt(4) == 0 ? pick(random, COMMON_SECRETS) : join(random, 1 + random.nextInt(4));
            if (!secret.chars().allMatch(c -> c == '*')) {
                return secret;
            }
        }
    }

    private static String text(Random random) {
        return join(random, random.nextInt(13));
    }

    private static String join(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(pick(random, PIECES));
        }
        return text.toString();
    }

    private static Planting planting(Random random) {
        return Planting.values()[random.nextInt(Planting.values().length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static ConnectionConfig configuration(String secret, Planting where) {
        ConnectionConfig.Builder builder = ConnectionConfig.builder("connections.pets")
                .put("host", "127.0.0.1", ConfigSource.OPTION);
        switch (where) {
            case PASSWORD_KEY -> builder.put("password", secret, ConfigSource.OPTION);
            case NESTED_TABLE -> builder.put("create_engine_kwargs",
                    Map.of("connect_args", Map.of("sslpassword", secret)), ConfigSource.OPTION);
            case LIST_UNDER_SENSITIVE_KEY -> builder.put("api_key", List.of("other-key", secret), ConfigSource.OPTION);
            case TABLE_UNDER_SENSITIVE_KEY -> builder.put("client_secret", Map.of("value", secret), ConfigSource.OPTION);
            case FOUND_BY_THE_CONNECTOR -> builder.put("url", "scheme://app:" + secret + "@127.0.0.1/pets", ConfigSource.OPTION)
                    .secretsFoundBy(config -> List.of(secret));
            case KEY_THE_PROVIDER_DECLARES -> builder.sensitiveKeys(List.of("encryption_key"))
                    .put("encryption_key", secret, ConfigSource.OPTION);
            case COPY_OF_A_CONFIGURATION_WHOSE_CONNECTOR_FOUND_IT -> builder.putAll(configuration(secret,
                    Planting.FOUND_BY_THE_CONNECTOR)).put("database", "pets", ConfigSource.OPTION);
        }
        return builder.build();
    }

    /** Every message and {@code toString()} of a chain, its causes and suppressed exceptions, class names left out. */
    private static List<String> texts(Throwable error) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(CLASS_NAME.matcher(t.toString()).replaceFirst(""));
            for (Throwable suppressed : t.getSuppressed()) {
                texts.addAll(texts(suppressed));
            }
        }
        return texts;
    }

    /** The values of a masked view, also inside its tables and lists, as text. */
    private static List<String> values(Object view) {
        List<String> values = new ArrayList<>();
        if (view instanceof Map<?, ?> map) {
            map.values().forEach(value -> values.addAll(values(value)));
        } else if (view instanceof Collection<?> list) {
            list.forEach(value -> values.addAll(values(value)));
        } else {
            values.add(String.valueOf(view));
        }
        return values;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }
}
