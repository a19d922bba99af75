package dev.shipnotify.order.merchants;

import dev.shipnotify.order.OrderConfig;
import dev.shipnotify.problem.AdminTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;

/** The operator's token from {@code order.admin-token}, compared in constant time. */
@ApplicationScoped
public class AdminToken implements AdminTokenCheck {
    private final byte[] expected;

    public AdminToken(OrderConfig config) {
        this.expected = ApiKeys.sha256(config.adminToken());
    }

    /** Hashing both sides first makes the comparison independent of where they differ and of their lengths. */
    @Override
    public boolean matches(String token) {
        return MessageDigest.isEqual(expected, ApiKeys.sha256(token));
    }
}
