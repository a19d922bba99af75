package dev.shipnotify.notification.shipment;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ShipmentNews;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.order.OrderArrived;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.logging.Log;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;

/**
 * Turns shipment events into the messages shoppers get: the first in-transit scan is "shipped", then out for
 * delivery, a failed attempt, an exception or delay, and the delivery ({@code delivered}). Other statuses, and
 * repeats of a milestone, notify nobody: the notification log's natural key (order, shipment, milestone,
 * channel) holds each message once. An event about an order not known yet is parked and applied when the
 * order arrives.
 */
@ApplicationScoped
public class ShipmentNotifications {

    /** The statuses of {@code shipment-updated} a shopper hears about; delivery comes on {@code delivered}. */
    static final Map<ShipmentStatus, Milestone> MILESTONES = Map.of(
            ShipmentStatus.IN_TRANSIT, Milestone.SHIPPED,
            ShipmentStatus.OUT_FOR_DELIVERY, Milestone.OUT_FOR_DELIVERY,
            ShipmentStatus.FAILED_ATTEMPT, Milestone.FAILED_ATTEMPT,
            ShipmentStatus.EXCEPTION, Milestone.EXCEPTION);

    private final ObjectMapper json;
    private final ParkedEvents parked;
    private final ShopperMessages messages;

    public ShipmentNotifications(ObjectMapper json, ParkedEvents parked,
            ShopperMessages messages) {
        this.json = json;
        this.parked = parked;
        this.messages = messages;
    }

    /** What one event means for the shopper: which order and shipment, the milestone if any, what to tell. */
    record News(String orderId, String shipmentId, Optional<Milestone> milestone, ShipmentNews details) {
    }

    /**
     * Shipment events that waited for their order, applied in the transaction that stored it, after a
     * cancellation that waited too (which silences them).
     */
    void orderArrived(@Observes @Priority(2) OrderArrived arrived) {
        for (EventEnvelope event : parked.release(arrived.order().orderId, EventType.SHIPMENT_UPDATED,
                EventType.SHIPMENT_DELIVERED)) {
            Log.infof("Order %s arrived: applying event %s (%s) that waited for it", arrived.order().orderId,
                    event.id(), event.position());
            apply(event);
        }
    }

    /** Applies a consumed event, in the transaction of its batch. */
    public void apply(EventEnvelope event) {
        News news = read(event);
        if (news.milestone().isEmpty()) {
            Log.debugf("Shipment %s of order %s: %s tells the shopper nothing", news.shipmentId(), news.orderId(),
                    news.details().status());
            return;
        }
        OrderProjection order = OrderProjection.findById(news.orderId());
        if (order == null) {
            parked.park(event, news.orderId());
            Log.infof("Event %s (%s) is about order %s, not known yet; kept until it arrives", event.id(),
                    event.position(), news.orderId());
            return;
        }
        if (order.cancelledAt != null) {
            Log.infof("Order %s was cancelled: its shopper hears nothing of shipment %s", order.orderId,
                    news.shipmentId());
            return;
        }
        messages.queue(new ShopperMessage(order, news.milestone().get(), news.shipmentId(), news.details(), null,
                event.id()));
    }

    private News read(EventEnvelope event) {
        if (event.type() == EventType.SHIPMENT_DELIVERED) {
            ShipmentDelivered delivered = event.read(json, ShipmentDelivered.class);
            return new News(delivered.orderId(), delivered.shipmentId(), Optional.of(Milestone.DELIVERED),
                    new ShipmentNews(delivered.carrier(), delivered.trackingNumber(), delivered.trackingUrl(),
                            ShipmentStatus.DELIVERED.name(), null, null,
                            delivered.location() == null ? null : delivered.location().city(),
                            delivered.deliveredAt().toString(), null));
        }
        ShipmentUpdated updated = event.read(json, ShipmentUpdated.class);
        Checkpoint checkpoint = updated.checkpoint();
        return new News(updated.orderId(), updated.shipmentId(), Optional.ofNullable(MILESTONES.get(updated.status())),
                new ShipmentNews(updated.carrier(), updated.trackingNumber(), updated.trackingUrl(),
                        updated.status().name(), updated.reason() == null ? null : updated.reason().name(),
                        checkpoint.message(), checkpoint.location() == null ? null : checkpoint.location().city(),
                        checkpoint.time().toString(),
                        updated.promisedDate() == null ? null : updated.promisedDate().toString()));
    }
}
