package dev.shipnotify.order.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be published, written in the transaction of the change it reports. {@code id} is the
 * CloudEvents {@code ce_id}; the table's identity column {@code seq} (not mapped) keeps the creation order.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    public String topic;
    /** The Kafka record key: the order id, so all events of one order share a partition. */
    @Column(name = "message_key")
    public String messageKey;
    @Column(name = "ce_type")
    public String ceType;
    /** The JSON body, exactly as it goes on the wire. */
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The W3C trace context of the request that wrote it, or null; its record carries it as {@code traceparent}. */
    @Column(name = "trace_parent")
    public String traceParent;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** Publish attempts so far, successful or not. */
    public int attempts;
    /** Why the last attempt failed; null once published. */
    @Column(name = "last_error")
    public String lastError;
}
