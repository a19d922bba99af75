package dev.shipnotify.messaging;

import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a consumer does with a batch of events that are new to it, in offset order per partition (and so per key).
 * It runs inside the batch's unit of work ({@link Inbox}): one transaction on PostgreSQL. It loads what the batch
 * needs at once, writes once, and throws a {@link PoisonEventException} naming the event for a record it can never
 * handle; any other exception fails the whole batch, which is then retried.
 */
@FunctionalInterface
public interface BatchHandler {

    void apply(List<EventEnvelope> events);

    /**
     * A handler that applies one event after the other, each in the trace its record carries (the
     * {@code traceparent} header), so what it queues or writes keeps the trace of the request behind the event.
     */
    static BatchHandler eachEvent(Consumer<EventEnvelope> apply) {
        return events -> {
            for (EventEnvelope event : events) {
                try (Scope ignored = TraceParents.parent(event.traceParent()).makeCurrent()) {
                    apply.accept(event);
                }
            }
        };
    }
}
