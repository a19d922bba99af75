package dev.shipnotify.messaging;

import java.util.List;

/**
 * The unit of work a batch is applied in, and the memory of which events were applied: a service with PostgreSQL
 * gets {@link PostgresInbox}, one with MongoDB {@link IdempotentInbox}. Exactly one of them is a bean in each service.
 */
public interface Inbox {

    /**
     * Applies the events of a batch that were not applied before, durably, or nothing at all.
     *
     * @return the events that were new and are now applied; the others were duplicates
     */
    List<EventEnvelope> apply(List<EventEnvelope> events, BatchHandler handler);
}
