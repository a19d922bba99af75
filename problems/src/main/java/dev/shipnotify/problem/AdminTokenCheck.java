package dev.shipnotify.problem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** A service's operator token, which {@link AdminAuthenticated} calls must present. */
public interface AdminTokenCheck {

    /** Whether this is the operator's token; compares in constant time. */
    boolean matches(String token);

    /**
     * The check of a configured token; without one (or a blank one) every call is refused. Both sides are hashed
     * before the comparison, so its time depends neither on where they differ nor on their lengths.
     */
    static AdminTokenCheck of(Optional<String> configured) {
        Optional<byte[]> expected = configured.filter(token -> !token.isBlank()).map(AdminTokenCheck::sha256);
        return token -> expected.map(hash -> MessageDigest.isEqual(hash, sha256(token))).orElse(false);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
