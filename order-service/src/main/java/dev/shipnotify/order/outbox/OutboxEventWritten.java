package dev.shipnotify.order.outbox;

import java.util.UUID;

/** Fired when an outbox row is written; observed after the commit to nudge the relay. */
public record OutboxEventWritten(UUID id) {
}
