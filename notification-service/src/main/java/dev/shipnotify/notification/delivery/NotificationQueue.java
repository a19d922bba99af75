package dev.shipnotify.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.messaging.TraceParents;
import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.FlushMode;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.query.NativeQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Queues notifications for the sender loop, inside the caller's transaction. Nothing is sent here: the
 * consumer that queues must stay fast, and the send happens after the queuing transaction committed.
 */
@ApplicationScoped
public class NotificationQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A message to queue. {@code shipmentId} and {@code shipment} are null for order-level milestones,
     * {@code review} for all but review requests;
     * {@code messageId} is the id the message will carry on the wire (email {@code Message-ID}), fixed now so
     * retries reuse it, or null when the provider gives it (WhatsApp); {@code notBefore} defers the first attempt
     * (quiet hours), null for at once; {@code suppressedBecause}, when set, logs the message as {@code SUPPRESSED} with
     * that reason instead of queuing it.
     */
    public record Request(String orderId, String merchantId, String shipmentId, ShipmentNews shipment,
            ReviewAsk review, Milestone milestone, Channel channel, String recipient, String locale,
            String messageId, String sourceEventId, Instant notBefore, String suppressedBecause) {

        /** The request of one channel for a shopper message. */
        public static Request of(ShopperMessage message, Channel channel, String recipient, String messageId,
                Instant notBefore, String suppressedBecause) {
            return new Request(message.order().orderId, message.order().merchantId, message.shipmentId(),
                    message.shipment(), message.review(), message.milestone(), channel, recipient,
                    message.order().shopperLocale, messageId, message.eventId(), notBefore, suppressedBecause);
        }
    }

    private final Event<NotificationQueued> queued;

    public NotificationQueue(Event<NotificationQueued> queued) {
        this.queued = queued;
    }

    /**
     * Queues the message unless one with the same natural key (order, shipment, milestone, channel) exists.
     *
     * @return {@code true} if logged now, {@code false} if it was already there
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(Request request) {
        var em = Panache.getEntityManager();
        // The order projection this row references may still wait in the session as an insert: write it first. Only
        // then: a flush dirty-checks every entity the session holds, and a consumed batch holds hundreds, so a flush
        // per message (the explicit one, or the automatic one before a native statement) cost O(batch²).
        if (em.unwrap(SessionImplementor.class).getActionQueue().hasAnyQueuedActions()) {
            em.flush();
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        int inserted = em.createNativeQuery("""
                INSERT INTO notification (id, order_id, merchant_id, shipment_id, details, review, milestone, channel, recipient,
                                          locale, status, attempts, next_attempt_at, last_error, message_id,
                                          source_event_id, trace_parent, created_at, updated_at)
                VALUES (:id, :orderId, :merchantId, :shipmentId, CAST(:details AS jsonb), CAST(:review AS jsonb),
                        :milestone, :channel, :recipient, :locale, :status, 0, :firstAttempt, :why, :messageId,
                        :sourceEventId, :traceParent, :now, :now)
                ON CONFLICT ON CONSTRAINT notification_natural_key DO NOTHING""")
                .setParameter("id", id)
                .setParameter("orderId", request.orderId())
                .setParameter("merchantId", request.merchantId())
                .setParameter("shipmentId", request.shipmentId())
                .setParameter("details", json(request.shipment()))
                .setParameter("review", json(request.review()))
                .setParameter("milestone", request.milestone().name())
                .setParameter("channel", request.channel().name())
                .setParameter("recipient", request.recipient())
                .setParameter("locale", request.locale())
                .setParameter("status", request.suppressedBecause() == null ? NotificationStatus.QUEUED.name()
                        : NotificationStatus.SUPPRESSED.name())
                .setParameter("why", request.suppressedBecause())
                .setParameter("now", now)
                .setParameter("firstAttempt", request.notBefore() == null ? now : request.notBefore())
                .setParameter("messageId", request.messageId())
                .setParameter("sourceEventId", request.sourceEventId())
                .setParameter("traceParent", TraceParents.current())
                .unwrap(NativeQuery.class).setHibernateFlushMode(FlushMode.MANUAL)
                .executeUpdate();
        if (inserted == 1 && request.suppressedBecause() == null) {
            queued.fire(new NotificationQueued(id, request.channel()));
        }
        return inserted == 1;
    }

    /** The jsonb text of a message's details, or null. */
    private static String json(Record details) {
        try {
            return details == null ? null : JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + details, e);
        }
    }
}
