package dev.shipnotify.order.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes an event to the outbox inside the caller's transaction, so it exists if and only if the change it
 * reports commits. After the commit the relay is nudged, so the event does not wait for the next poll.
 */
@ApplicationScoped
public class OutboxWriter {
    private final ObjectMapper json;
    private final Event<OutboxEventWritten> written;

    public OutboxWriter(ObjectMapper json, Event<OutboxEventWritten> written) {
        this.json = json;
        this.written = written;
    }

    /** Adds the event; answers its id, which travels as {@code ce_id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID write(EventType type, String key, Record body, Instant createdAt) {
        if (!type.recordType().isInstance(body)) {
            throw new IllegalArgumentException(type + " carries " + type.recordType().getSimpleName() + ", not "
                    + body.getClass().getSimpleName());
        }
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = type.topic();
        event.messageKey = key;
        event.ceType = type.ceType();
        event.payload = serialise(body);
        event.createdAt = createdAt;
        event.traceParent = TraceParents.current();
        event.persist();
        written.fire(new OutboxEventWritten(event.id));
        return event.id;
    }

    private String serialise(Record body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event record is always serialisable", e);
        }
    }
}
