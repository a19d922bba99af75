package dev.shipnotify.notification.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShopperReplied;
import dev.shipnotify.messaging.Publisher;
import dev.shipnotify.notification.delivery.Notification;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What shoppers answer: each reply is recorded once (keyed by the provider's id of the reply, so a redelivered
 * webhook adds nothing), and one that answers a message of ours is published on {@code shopper-replied} for the
 * merchant and review-service to act on. {@code shopper_reply} is the outbox: the row commits with the webhook's
 * transaction, a relay publishes it right after the commit (and every second, for what a crash left) and only then
 * stamps {@code published_at}. A crash between the two publishes it again under the same {@code ce_id}.
 */
@ApplicationScoped
public class ShopperReplies {
    private static final int BATCH = 100;

    /** CDI event: a reply to publish was recorded; observed after the commit. */
    public record Recorded(String replyId) {
    }

    private final ObjectMapper json;
    private final Publisher publisher;
    private final Event<Recorded> recorded;

    public ShopperReplies(ObjectMapper json, Publisher publisher, Event<Recorded> recorded) {
        this.json = json;
        this.publisher = publisher;
        this.recorded = recorded;
    }

    /**
     * Records a reply, in the caller's transaction.
     *
     * @param answered the message it answers, or null
     * @return whether it is new (not a redelivery)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(String replyId, String channel, Notification answered, String action, String text,
            Instant at) {
        int inserted = Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO shopper_reply (provider_message_id, channel, notification_id, order_id, merchant_id,
                                                   shipment_id, milestone, action, text, received_at)
                        VALUES (:id, :channel, :notification, :order, :merchant, :shipment, :milestone, :action, :text, :at)
                        ON CONFLICT DO NOTHING""")
                .setParameter("id", replyId)
                .setParameter("channel", channel)
                .setParameter("notification", answered == null ? null : answered.id)
                .setParameter("order", answered == null ? null : answered.orderId)
                .setParameter("merchant", answered == null ? null : answered.merchantId)
                .setParameter("shipment", answered == null ? null : answered.shipmentId)
                .setParameter("milestone", answered == null ? null : answered.milestone.name())
                .setParameter("action", action)
                .setParameter("text", text)
                .setParameter("at", at)
                .executeUpdate();
        if (inserted == 1 && answered != null) {
            recorded.fire(new Recorded(replyId));
        }
        return inserted == 1;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recorded reply) {
        Infrastructure.getDefaultWorkerPool().execute(this::publishPending);
    }

    @Scheduled(identity = "shopper-replies", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        publishPending();
    }

    /** Publishes every recorded answer not published yet; returns how many. */
    public int publishPending() {
        int total = 0;
        try {
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
                total += batch;
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            Log.warnf("Shopper replies wait for the next round: %s", e.toString());
        }
        return total;
    }

    private int publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        SELECT provider_message_id, order_id, merchant_id, shipment_id, milestone, channel, action, text,
                               received_at
                        FROM shopper_reply WHERE published_at IS NULL AND order_id IS NOT NULL
                        ORDER BY received_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .setParameter("limit", BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        publisher.send(rows.stream().map(this::event).toList());
        Panache.getEntityManager().createNativeQuery(
                        "UPDATE shopper_reply SET published_at = :now WHERE provider_message_id IN (:ids)")
                .setParameter("now", Instant.now())
                .setParameter("ids", rows.stream().map(row -> (String) row[0]).toList())
                .executeUpdate();
        return rows.size();
    }

    private ProducerRecord<String, byte[]> event(Object[] row) {
        Instant at = row[8] instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) row[8];
        ShopperReplied replied = new ShopperReplied(ShopperReplied.SCHEMA_VERSION, (String) row[0], (String) row[1],
                (String) row[2], (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                at);
        byte[] body;
        try {
            body = json.writeValueAsBytes(replied);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return CloudEventHeaders.record(EventType.SHOPPER_REPLIED.topic(), replied.orderId(), body, replied.replyId(),
                EventType.SHOPPER_REPLIED.ceType(), "notification-service", at.toString());
    }
}
