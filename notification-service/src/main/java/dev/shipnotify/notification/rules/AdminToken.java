package dev.shipnotify.notification.rules;

import dev.shipnotify.contracts.Digests;
import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.problem.AdminTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The operator's token from {@code notification.admin-token}; without one, every admin call is refused. */
@ApplicationScoped
public class AdminToken implements AdminTokenCheck {
    private final Optional<byte[]> expected;

    public AdminToken(NotificationConfig config) {
        this.expected = config.adminToken().filter(token -> !token.isBlank()).map(AdminToken::hash);
    }

    /** Hashing both sides first makes the comparison independent of where they differ and of their lengths. */
    @Override
    public boolean matches(String token) {
        return expected.map(hash -> MessageDigest.isEqual(hash, hash(token))).orElse(false);
    }

    private static byte[] hash(String token) {
        return Digests.sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
    }
}
