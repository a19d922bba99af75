package dev.shipnotify.notification.delivery;

import dev.shipnotify.messaging.TraceParents;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One message owed to a shopper: an entry of the notification log, unique per order, shipment, milestone
 * and channel, with its delivery state.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "order_id", nullable = false)
    public String orderId;

    @Column(name = "merchant_id", nullable = false)
    public String merchantId;

    /** The shipment a shipment milestone is about; {@code null} for order-level milestones. */
    @Column(name = "shipment_id")
    public String shipmentId;

    /** What a shipment milestone's message tells, as the event that queued it said; null for order milestones. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "details")
    public ShipmentNews shipment;

    /** What a review request's message offers; null for other milestones. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "review")
    public ReviewAsk review;

    @Enumerated(EnumType.STRING)
    @Column(name = "milestone", nullable = false)
    public Milestone milestone;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    public Channel channel;

    /** The address the message goes to, as it was when the notification was queued. */
    @Column(name = "recipient", nullable = false)
    public String recipient;

    @Column(name = "locale")
    public String locale;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public NotificationStatus status;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** While a sender holds the notification (claimed, being sent): until when others leave it alone. */
    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "last_error")
    public String lastError;

    /** Email: the {@code Message-ID} header we set, chosen when the notification was queued. */
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "subject")
    public String subject;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    /** The W3C trace context of the event that queued it (null if none): its send joins that trace. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The trace id of {@link #traceParent}, or null. */
    public String traceId() {
        return TraceParents.traceId(traceParent);
    }

    /**
     * Which template it is: a WhatsApp message's approved template once sent (its subject starts with the name), else
     * {@code <channel>/<milestone>}.
     */
    public String template() {
        return channel == Channel.WHATSAPP && subject != null ? subject.split(" ")[0]
                : channel.key() + "/" + milestone.key();
    }

    public static List<Notification> forOrder(String orderId) {
        return list("orderId", orderId);
    }
}
