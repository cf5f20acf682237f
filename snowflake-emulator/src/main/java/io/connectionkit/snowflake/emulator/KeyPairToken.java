package io.connectionkit.snowflake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Verifies the JWT the driver signs for key-pair authentication: RS256, issued by {@code
 * ACCOUNT.USER.SHA256:<fingerprint>} for subject {@code ACCOUNT.USER}, within its lifetime; checked
 * with the JDK's own {@code SHA256withRSA}.
 */
final class KeyPairToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Snowflake accepts a token for at most an hour. */
    private static final long MAX_LIFETIME_SECONDS = 3600;

    private static final long CLOCK_SKEW_SECONDS = 60;

    private KeyPairToken() {}

    static SnowflakeError invalid() {
        return new SnowflakeError("390144", "08001", "JWT token is invalid.");
    }

    /** {@code SHA256:} and the Base64 SHA-256 digest of the key's X.509 encoding. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static void verify(String jwt, String account, String user, PublicKey key, Instant now)
            throws SnowflakeError {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(decoder.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw invalid();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(decoder.decode(parts[2]))) {
                throw invalid();
            }
            JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
            String subject = account.toUpperCase(Locale.ROOT) + "." + user;
            if (!subject.equals(claims.path("sub").asText())
                    || !(subject + "." + fingerprint(key)).equals(claims.path("iss").asText())) {
                throw invalid();
            }
            long issuedAt = claims.path("iat").asLong(-1);
            long expires = claims.path("exp").asLong(-1);
            long nowSeconds = now.getEpochSecond();
            if (issuedAt < 0
                    || expires < 0
                    || issuedAt > nowSeconds + CLOCK_SKEW_SECONDS
                    || expires < nowSeconds - CLOCK_SKEW_SECONDS
                    || expires - issuedAt > MAX_LIFETIME_SECONDS) {
                throw invalid();
            }
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw invalid();
        }
    }
}
