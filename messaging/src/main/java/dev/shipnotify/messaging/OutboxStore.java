package dev.shipnotify.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where a service's {@link OutboxEvent}s wait: {@link PostgresOutbox} or {@link MongoOutbox}. {@link Outbox} claims
 * them under a lease, publishes them and settles the claim; while a claim's lease runs no other claim (of this or any
 * other instance) gets its events, and an event of a key is claimable only with or after every earlier event of
 * that key, so a key's events reach its partition in the order they were written.
 */
public interface OutboxStore {

    /**
     * Leases up to {@code limit} waiting events for {@code lease}, oldest first.
     *
     * @param holders where events were just written (the ids {@link Outbox#written} was told), read by id; empty:
     *         look for any waiting event (the safety poll: events of a crashed instance, or left by a broker outage)
     */
    Claim claim(Collection<String> holders, int limit, Duration lease);

    /**
     * Marks {@code published} events of the claim as published and gives the others back, claimable at once; an
     * error is kept with the events it stopped.
     */
    void settle(Claim claim, Set<String> published, String error);

    /** Forgets events published before {@code before}, where the store keeps them at all; answers how many. */
    default int purge(Instant before) {
        return 0;
    }

    /**
     * Events under one lease, in claim order (per key, write order).
     *
     * @param lease what the store needs to settle them: its lease token and the state it read
     */
    record Claim(List<OutboxEvent> events, Object lease) {
        public boolean isEmpty() {
            return events.isEmpty();
        }
    }
}
