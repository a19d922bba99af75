package dev.shipnotify.notification.inbox;

import dev.shipnotify.contracts.inbox.EventEnvelope;
import io.quarkus.hibernate.orm.panache.Panache;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The log of handled event ids. Recording an id and applying the event's effect happen in one
 * transaction, so an event redelivered after a crash, a rebalance or a replay from offset 0 is seen here
 * and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final MeterRegistry meters;

    public ProcessedEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Applies a consumed event once: records its id and runs {@code apply} in one transaction, so a duplicate
     * (a redelivery, a replay from offset 0) changes nothing. Counts both in {@code events_consumed_total{topic,
     * outcome=applied|duplicate}}.
     */
    @Transactional
    public void once(EventEnvelope event, Consumer<EventEnvelope> apply) {
        if (!firstDelivery(event)) {
            Log.infof("Event %s (%s) was handled before; nothing to do", event.id(), event.position());
            meters.counter("events_consumed", "topic", event.topic(), "outcome", "duplicate").increment();
            return;
        }
        apply.accept(event);
        meters.counter("events_consumed", "topic", event.topic(), "outcome", "applied").increment();
    }

    /**
     * Records the event as handled.
     *
     * @return {@code true} the first time this event id is seen, {@code false} for a duplicate. A concurrent
     *         duplicate waits on the first one's row lock and then sees it.
     */
    private boolean firstDelivery(EventEnvelope event) {
        int inserted = Panache.getEntityManager().createNativeQuery("""
                INSERT INTO processed_event (event_id, event_type, topic, kafka_partition, kafka_offset, processed_at)
                VALUES (:id, :type, :topic, :partition, :offset, :now)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("id", event.id())
                .setParameter("type", event.type().ceType())
                .setParameter("topic", event.topic())
                .setParameter("partition", event.partition())
                .setParameter("offset", event.offset())
                .setParameter("now", Instant.now())
                .executeUpdate();
        return inserted == 1;
    }
}
