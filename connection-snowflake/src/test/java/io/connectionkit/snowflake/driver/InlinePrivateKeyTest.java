package io.connectionkit.snowflake.driver;

import io.connectionkit.api.ConnectionConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A private key written into the configuration: parsed by the JDK, never quoted. */
class InlinePrivateKeyTest {

    private static KeyPair keys;
    private static String pem;
    private static String body;

    @TempDir
    Path home;

    @BeforeAll
    static void makeAKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded());
        pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private TestConfig context(String key) {
        return new TestConfig("sf", home).secret("account", "a").secret("user", "u").secret("private_key", key);
    }

    @Test
    void pemKeyBecomesThePrivateKeyProperty() {
        SnowflakeSettings settings = context(pem).resolve();

        assertThat(settings.driverProperties().get("privateKey")).isInstanceOf(PrivateKey.class)
                .isEqualTo(keys.getPrivate());
        assertThat(settings.driverProperties()).doesNotContainKey("private_key");
    }

    @Test
    void base64BodyAloneIsAcceptedToo() {
        assertThat(context(body).resolve().driverProperties().get("privateKey")).isEqualTo(keys.getPrivate());
    }

    @Test
    void truncatedKeyIsAnErrorWithoutItsText() {
        String broken = "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 200) + "\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> context(broken).resolve())
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessageStartingWith("connections.sf.private_key is not an RSA private key in PKCS#8 PEM form"
                        + " (.streamlit/secrets.toml:4).")
                .hasMessageNotContaining(body.substring(0, 20))
                .hasNoCause();
    }

    @Test
    void textThatIsNoKeyIsAnError() {
        assertThatThrownBy(() -> context("not a key at all!").resolve())
                .hasMessageStartingWith("connections.sf.private_key is not an RSA private key in PKCS#8 PEM form"
                        + " (.streamlit/secrets.toml:4).")
                .hasMessageNotContaining("not a key at all");
    }

    @Test
    void encryptedKeyIsAnErrorThatPointsToTheKeyFile() {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + "\n-----END ENCRYPTED PRIVATE KEY-----\n";

        assertThatThrownBy(() -> context(encrypted).resolve())
                .hasMessage("connections.sf.private_key is an encrypted key, which cannot be given inline"
                        + " (.streamlit/secrets.toml:4). Give it as private_key_file, with its password as"
                        + " private_key_file_pwd.");
    }

    @Test
    void pkcs1KeyIsAnErrorThatSaysHowToConvertIt() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> context(pkcs1).resolve())
                .hasMessageContaining("is a PKCS#1 key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .hasMessageNotContaining(body.substring(0, 20));
    }
}
