package dev.shipnotify.notification.order;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.inbox.ParkedEvents;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Applies {@code order-cancelled}: the order is marked cancelled, whatever was queued for it and not sent yet is
 * suppressed, and the shopper gets the cancellation notice; after it, nothing more about the order. A
 * cancellation that comes before its order is parked and applied when the order arrives, before any shipment
 * news that waited with it.
 */
@ApplicationScoped
public class OrderCancellations {

    private final ObjectMapper json;
    private final ParkedEvents parked;
    private final ShopperMessages messages;

    public OrderCancellations(ObjectMapper json, ParkedEvents parked,
            ShopperMessages messages) {
        this.json = json;
        this.parked = parked;
        this.messages = messages;
    }

    void orderArrived(@Observes @Priority(1) OrderArrived arrived) {
        for (EventEnvelope event : parked.release(arrived.order().orderId, EventType.ORDER_CANCELLED)) {
            Log.infof("Order %s arrived: applying its cancellation %s (%s), which came first",
                    arrived.order().orderId, event.id(), event.position());
            apply(event);
        }
    }

    /** Applies a consumed event, in the transaction of its batch. */
    public void apply(EventEnvelope event) {
        OrderCancelled cancelled = event.read(json, OrderCancelled.class);
        OrderProjection order = OrderProjection.findById(cancelled.orderId());
        if (order == null) {
            parked.park(event, cancelled.orderId());
            Log.infof("Cancellation %s is about order %s, not known yet; kept until it arrives", event.id(),
                    cancelled.orderId());
            return;
        }
        if (order.cancelledAt != null) {
            Log.infof("Order %s was cancelled before; event %s adds nothing", order.orderId, event.id());
            return;
        }
        order.cancelledAt = cancelled.cancelledAt();
        order.updatedAt = Instant.now();
        int suppressed = Panache.getEntityManager().createNativeQuery("""
                        UPDATE notification SET status = :suppressed, last_error = 'the order was cancelled',
                                                updated_at = :now
                        WHERE order_id = :orderId AND status = :queued""")
                .setParameter("suppressed", NotificationStatus.SUPPRESSED.name())
                .setParameter("queued", NotificationStatus.QUEUED.name())
                .setParameter("now", order.updatedAt)
                .setParameter("orderId", order.orderId)
                .executeUpdate();
        Log.infof("Order %s cancelled; %d messages not sent yet are suppressed", order.orderId, suppressed);
        messages.queue(ShopperMessage.ofOrder(order, Milestone.ORDER_CANCELLED, event.id()));
    }
}
