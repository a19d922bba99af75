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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies what tracking-service reports about shipments to their orders, a consumed batch at a time in the batch's
 * transaction: the batch's orders are read and locked in one query, then each report is applied in offset order. The
 * effect is idempotent by itself: a report no newer than what the order holds changes nothing, so a redelivered,
 * late or replayed event changes nothing either.
 */
@ApplicationScoped
public class ShipmentProgress {

    /** One event's report about a shipment of an order. */
    public record News(EventEnvelope event, String orderId, String merchantId, ShipmentReport report) {
    }

    /**
     * @throws PoisonEventException naming the event about an order that does not exist here or belongs to another
     *         merchant: no retry can fix that, and the event goes to the dead-letter topic with the reason
     */
    @Transactional
    public void apply(List<News> batch) {
        Map<News, UUID> ids = new IdentityHashMap<>();
        for (News news : batch) {
            ids.put(news, Ids.parse(news.orderId())
                    .orElseThrow(() -> new PoisonEventException(news.event(), "orderId is not an order id")));
        }
        Map<UUID, Order> orders = new HashMap<>();
        Order.lockAll(Set.copyOf(ids.values())).forEach(order -> orders.put(order.id, order));
        Instant now = Instant.now();
        for (News news : batch) {
            Order order = orders.get(ids.get(news));
            if (order == null) {
                throw new PoisonEventException(news.event(), "no order " + news.orderId());
            }
            if (news.merchantId() != null && !news.merchantId().equals(order.merchantId.toString())) {
                throw new PoisonEventException(news.event(), "order " + news.orderId()
                        + " belongs to another merchant than " + news.merchantId());
            }
            apply(news, order, now);
        }
    }

    private static void apply(News news, Order order, Instant now) {
        ShipmentReport report = news.report();
        OrderStatus before = order.status;
        if (order.recordShipment(report, now)) {
            Log.infof("Order %s: shipment %s is %s (event %s); order %s -> %s", news.orderId(), report.shipmentId(),
                    report.status(), news.event().id(), before, order.status);
        } else {
            Log.debugf("Order %s: event %s (%s) is no newer than shipment %s as known; nothing to do", news.orderId(),
                    news.event().id(), news.event().position(), report.shipmentId());
        }
    }
}
