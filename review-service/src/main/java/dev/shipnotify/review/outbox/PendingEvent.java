package dev.shipnotify.review.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.TraceParents;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * An event written into the document of the change it reports, in the same single-document write, and removed by
 * {@link EventRelay} once the broker acknowledged it. {@code id} travels as {@code ce_id}; {@code traceParent}, the
 * W3C trace context it was written in (null if none, e.g. on a scheduler round), as the {@code traceparent} header.
 */
public record PendingEvent(String id, String ceType, String topic, String key, String payload, Instant createdAt,
        String traceParent) {

    /** The field of a document that holds its pending events. */
    public static final String FIELD = "pendingEvents";
    /** True while {@link #FIELD} holds any: what the relay looks for. */
    public static final String FLAG = "outboxPending";

    /** The event of this contract record, keyed by its order id. */
    public static PendingEvent of(EventType type, String id, String orderId, Record body, ObjectMapper json,
            Instant now) {
        try {
            return new PendingEvent(id, type.ceType(), type.topic(), orderId, json.writeValueAsString(body), now,
                    TraceParents.current());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.topic(), e);
        }
    }

    public Document toDocument() {
        return new Document("id", id).append("ceType", ceType).append("topic", topic).append("key", key)
                .append("payload", payload).append("createdAt", Date.from(createdAt)).append("traceParent", traceParent);
    }

    static PendingEvent of(Document document) {
        return new PendingEvent(document.getString("id"), document.getString("ceType"), document.getString("topic"),
                document.getString("key"), document.getString("payload"), document.getDate("createdAt").toInstant(),
                document.getString("traceParent"));
    }
}
