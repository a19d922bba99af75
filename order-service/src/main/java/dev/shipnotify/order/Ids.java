package dev.shipnotify.order;

import java.util.Optional;
import java.util.UUID;

/** Ids in paths: anything that is not a UUID cannot name one of our resources, so callers answer 404 for it. */
public final class Ids {
    private Ids() {
    }

    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
