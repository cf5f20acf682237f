package io.connectionkit.snowflake.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** RSA key pairs for key-pair logins, and their PEM files. */
final class KeyPairs {
    private KeyPairs() {}

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Writes a PKCS#8 private key or an X.509 public key as PEM. */
    static Path writePem(Path file, Key key) throws IOException {
        String label = key instanceof java.security.PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded());
        Files.writeString(
                file,
                "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }
}
