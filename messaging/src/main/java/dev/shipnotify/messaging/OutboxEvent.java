package dev.shipnotify.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An event waiting in an {@link OutboxStore}: written with the change it reports (same transaction, or same
 * single-document write) and published by {@link Outbox}. {@code id} travels as {@code ce_id}, {@code key} (the order
 * id) as the record key, {@code traceParent} (the W3C trace context it was written in, or null) as
 * {@code traceparent}.
 */
public record OutboxEvent(String id, String ceType, String topic, String key, String payload, Instant createdAt,
        String traceParent) {

    /** The event of this contract record under a new id, in the current trace. */
    public static OutboxEvent of(EventType type, String key, Record body, ObjectMapper json, Instant now) {
        return of(type, UUID.randomUUID().toString(), key, body, json, now);
    }

    /** The event of this contract record under the given id (an id derived from what it reports), in the current trace. */
    public static OutboxEvent of(EventType type, String id, String key, Record body, ObjectMapper json, Instant now) {
        if (!type.recordType().isInstance(body)) {
            throw new IllegalArgumentException(type + " carries " + type.recordType().getSimpleName() + ", not "
                    + body.getClass().getSimpleName());
        }
        try {
            return new OutboxEvent(id, type.ceType(), type.topic(), key, json.writeValueAsString(body), now,
                    TraceParents.current());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event record is always serialisable: " + type, e);
        }
    }

    /** Its record, as every producer of the suite writes one. */
    ProducerRecord<String, byte[]> record(String source) {
        return CloudEventHeaders.traced(CloudEventHeaders.record(topic, key, payload.getBytes(StandardCharsets.UTF_8),
                id, ceType, source, createdAt.toString()), traceParent);
    }
}
