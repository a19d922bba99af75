package dev.shipnotify.problem;

import java.util.Optional;

/**
 * Reads the token of an {@code Authorization: Bearer <token>} header (RFC 6750; the scheme is case-insensitive).
 * No token is a {@link NotAuthenticatedException}, whatever the caller then looks it up in.
 */
public final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    public static Optional<String> from(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
