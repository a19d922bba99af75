package dev.shipnotify.order.merchants;

import java.util.Optional;

/** Reads the token of an {@code Authorization: Bearer <token>} header (RFC 6750; the scheme is case-insensitive). */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    static Optional<String> from(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
