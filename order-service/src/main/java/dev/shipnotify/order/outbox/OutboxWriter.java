package dev.shipnotify.order.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.OutboxEvent;
import dev.shipnotify.messaging.PostgresOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Writes an event to the {@code outbox} table inside the caller's transaction, so it exists if and only if the
 * change it reports commits; the commit wakes the outbox, which publishes it at once.
 */
@ApplicationScoped
public class OutboxWriter {
    private final PostgresOutbox outbox;
    private final ObjectMapper json;

    public OutboxWriter(PostgresOutbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Adds the event, keyed by {@code key} (the order id); answers its id, which travels as {@code ce_id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String write(EventType type, String key, Record body, Instant createdAt) {
        OutboxEvent event = OutboxEvent.of(type, key, body, json, createdAt);
        outbox.add(List.of(event));
        return event.id();
    }
}
