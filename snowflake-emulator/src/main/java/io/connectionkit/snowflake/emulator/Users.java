package io.connectionkit.snowflake.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Who may log in, with a password, an RSA public key, or both; names as Snowflake folds them. */
final class Users {
    /** One user's credentials; either may be null. */
    record Credentials(String password, PublicKey publicKey) {}

    private final String account;
    private final Map<String, Credentials> byName;

    Users(String account, Map<String, Credentials> byName) {
        this.account = account;
        this.byName = new ConcurrentHashMap<>(byName);
    }

    /** Gives {@code loginName} this password from now on, adding the user if new; a key it had stays. */
    void password(String loginName, String password) {
        byName.merge(fold(loginName), new Credentials(password, null),
                (old, added) -> new Credentials(password, old.publicKey()));
    }

    static String fold(String loginName) {
        return loginName.toUpperCase(Locale.ROOT);
    }

    /** Checks a password login; the error never repeats what was sent. */
    void checkPassword(String loginName, String password) throws SnowflakeError {
        Credentials credentials = loginName == null ? null : byName.get(fold(loginName));
        if (credentials == null
                || credentials.password() == null
                || password == null
                || !MessageDigest.isEqual(
                        credentials.password().getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8))) {
            throw incorrectUserOrPassword();
        }
    }

    /** Checks a key-pair login: the driver's JWT, signed with the key registered for the user. */
    void checkJwt(String loginName, String jwt, Instant now) throws SnowflakeError {
        Credentials credentials = loginName == null ? null : byName.get(fold(loginName));
        if (credentials == null || credentials.publicKey() == null || jwt == null) {
            throw KeyPairToken.invalid();
        }
        KeyPairToken.verify(jwt, account, fold(loginName), credentials.publicKey(), now);
    }

    static SnowflakeError incorrectUserOrPassword() {
        return new SnowflakeError(
                "390100", "08001", "Incorrect username or password was specified.");
    }
}
