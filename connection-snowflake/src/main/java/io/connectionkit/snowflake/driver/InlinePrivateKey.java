package io.connectionkit.snowflake.driver;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The {@code private_key} setting: an RSA key written into the configuration itself, for key-pair
 * authentication without a key file. The JDBC driver takes it as a {@link PrivateKey} object
 * (property {@code privateKey}), which the JDK makes from the PKCS#8 bytes; no other library is
 * needed. Accepted: PEM text ({@code -----BEGIN PRIVATE KEY-----}), or its Base64 body alone.
 * Errors name the key and its source and say what to do; they never quote the key.
 */
final class InlinePrivateKey {

    static final String KEY = "private_key";

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    private InlinePrivateKey() {
    }

    /**
     * The key {@code config} gives as {@code private_key}.
     *
     * @throws ConnectionConfigException naming {@code private_key} and its source when it is not an
     *                                   unencrypted PKCS#8 RSA key
     */
    static PrivateKey of(ConnectionConfig config) {
        String text = config.string(KEY).orElseThrow().strip();
        if (text.contains("-----BEGIN " + ENCRYPTED + "-----")) {
            throw error(config, "is an encrypted key, which cannot be given inline",
                    "Give it as private_key_file, with its password as private_key_file_pwd");
        }
        if (text.contains("-----BEGIN " + PKCS1 + "-----")) {
            throw error(config, "is a PKCS#1 key (BEGIN RSA PRIVATE KEY); an inline key must be PKCS#8",
                    "Convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(body(text));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Neither the reason nor the cause is kept: no part of the text may reach a message in any form.
            throw error(config, "is not an RSA private key in PKCS#8 PEM form", expectedForm());
        }
    }

    /** The Base64 between the PEM lines, or the whole text when it has none. */
    private static String body(String text) {
        String begin = "-----BEGIN " + PKCS8 + "-----";
        String end = "-----END " + PKCS8 + "-----";
        int from = text.indexOf(begin);
        if (from < 0) {
            if (text.contains("-----")) {
                throw new IllegalArgumentException("another PEM type");
            }
            return text;
        }
        int to = text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no END line");
        }
        return text.substring(from + begin.length(), to);
    }

    private static String expectedForm() {
        return "Give the text of an unencrypted PKCS#8 RSA key, from -----BEGIN PRIVATE KEY----- to"
                + " -----END PRIVATE KEY----- (a TOML multi-line string keeps its lines), or use private_key_file";
    }

    private static ConnectionConfigException error(ConnectionConfig config, String problem, String hint) {
        String source = config.sourceOf(KEY).map(ConfigSource::toString).orElse("not set");
        return new ConnectionConfigException(config.path() + "." + KEY + " " + problem + " (" + source + "). " + hint + ".");
    }
}
