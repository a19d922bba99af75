package dev.shipnotify.tracking.outbox;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * An event written into the document of the change it reports, in the same single-document write, and removed by
 * {@link EventRelay} once the broker acknowledged it. {@code id} travels as {@code ce_id}; {@code traceParent}, the
 * W3C trace context of the request that caused it (null if none), as the {@code traceparent} header.
 */
public record PendingEvent(String id, String ceType, String topic, String key, String payload, Instant createdAt,
        String traceParent) {

    /** The field of a document that holds its pending events. */
    public static final String FIELD = "pendingEvents";
    /** True while {@link #FIELD} holds any: the relay's index. */
    public static final String FLAG = "outboxPending";

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
