package dev.shipnotify.messaging;

import java.util.List;

/**
 * What a consumer does with a batch of events that are new to it, in offset order per partition (and so per key).
 * It runs inside the batch's unit of work ({@link Inbox}: one transaction on PostgreSQL). It loads what the batch
 * needs at once, writes once, and throws a {@link PoisonEventException} naming the event for a record it can never
 * handle; any other exception fails the whole batch, which is then retried. A handler that has nothing to gain from
 * seeing the batch whole applies one event after the other: {@link EventConsumer#eachEvent}.
 */
@FunctionalInterface
public interface BatchHandler {

    void apply(List<EventEnvelope> events);
}
