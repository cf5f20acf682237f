package io.connectionkit.snowflake.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * RSA key pairs for key-pair logins, and their private keys as PKCS#8 PEM files; in this module's
 * test jar for the tests of every Snowflake connector.
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public static Path writePem(Path file, PrivateKey key) throws IOException {
        return Files.writeString(file, pem(key), StandardCharsets.US_ASCII);
    }

    /** {@code key} as an encrypted PKCS#8 PEM file (PKCS#12's PBE with triple DES, which the JDK can encode). */
    public static Path writeEncryptedPem(Path file, PrivateKey key, String passphrase) throws IOException {
        try {
            String algorithm = "PBEWithSHA1AndDESede";
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            javax.crypto.SecretKey secret = javax.crypto.SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(passphrase.toCharArray()));
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(algorithm);
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, secret,
                    new javax.crypto.spec.PBEParameterSpec(salt, 2048));
            byte[] encrypted = cipher.doFinal(key.getEncoded());
            byte[] der = new javax.crypto.EncryptedPrivateKeyInfo(cipher.getParameters(), encrypted).getEncoded();
            return Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END ENCRYPTED PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
