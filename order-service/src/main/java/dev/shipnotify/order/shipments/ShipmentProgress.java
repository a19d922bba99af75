package dev.shipnotify.order.shipments;

import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.messaging.PoisonEventException;
import dev.shipnotify.order.Ids;
import dev.shipnotify.order.orders.Order;
import dev.shipnotify.order.orders.OrderStatus;
import dev.shipnotify.order.orders.ShipmentReport;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies what tracking-service reports about a shipment to its order, with the order row locked, in the
 * transaction of the batch the event came in. The effect is idempotent by itself: a report no newer than what the order holds changes nothing, so a
 * redelivered, late or replayed event needs no log of handled ids.
 */
@ApplicationScoped
public class ShipmentProgress {

    /**
     * @throws PoisonEventException when the order does not exist here or belongs to another merchant: no retry
     *         can fix that, and the event goes to the dead-letter topic with the reason
     */
    @Transactional
    public void apply(EventEnvelope event, String orderId, String merchantId, ShipmentReport report) {
        UUID id = Ids.parse(orderId).orElseThrow(() -> new PoisonEventException(event, "orderId is not an order id"));
        Order order = Order.lock(id).orElseThrow(() -> new PoisonEventException(event, "no order " + orderId));
        if (merchantId != null && !merchantId.equals(order.merchantId.toString())) {
            throw new PoisonEventException(event, "order " + orderId + " belongs to another merchant than " + merchantId);
        }
        OrderStatus before = order.status;
        if (order.recordShipment(report, Instant.now())) {
            Log.infof("Order %s: shipment %s is %s (event %s); order %s -> %s", orderId, report.shipmentId(),
                    report.status(), event.id(), before, order.status);
        } else {
            Log.debugf("Order %s: event %s (%s) is no newer than shipment %s as known; nothing to do", orderId,
                    event.id(), event.position(), report.shipmentId());
        }
    }
}
