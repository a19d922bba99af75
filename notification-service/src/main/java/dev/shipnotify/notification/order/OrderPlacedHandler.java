package dev.shipnotify.notification.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.messaging.EventConsumer;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.rules.ShopperMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of {@code order-placed} events in the transaction of the batch (which records their ids): for each,
 * keeps the order's projection (those that exist read in one query), queues the order confirmation on each channel the shopper consented to, and, if
 * events about the order came first and wait for it, announces the order ({@link OrderArrived}) so they are applied
 * too. Which orders have events waiting is asked once for the batch. Sending happens later, in the sender loop, so the
 * consumer never waits on a mail server.
 */
@ApplicationScoped
public class OrderPlacedHandler {

    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final ShopperMessages messages;
    private final ParkedEvents parked;
    private final Event<OrderArrived> arrived;

    public OrderPlacedHandler(EventConsumer consumer, ObjectMapper json, ShopperMessages messages, ParkedEvents parked,
            Event<OrderArrived> arrived) {
        this.consumer = consumer;
        this.json = json;
        this.messages = messages;
        this.parked = parked;
        this.arrived = arrived;
    }

    /** Applies the batch's new events, in its transaction. */
    public void apply(List<EventEnvelope> events) {
        Set<String> keys = Set.copyOf(events.stream().map(EventEnvelope::key).filter(k -> k != null).toList());
        Set<String> waiting = parked.ordersWaiting(keys);
        Map<String, OrderProjection> known = OrderProjection.byId(keys);
        consumer.eachEvent(event -> {
            OrderPlaced placed = event.read(json, OrderPlaced.class);
            if (!keys.contains(placed.orderId())) {
                // A record keyed by something else than its order: that order was not read with the others.
                OrderProjection.<OrderProjection>findByIdOptional(placed.orderId())
                        .ifPresent(found -> known.put(found.orderId, found));
            }
            OrderProjection order = OrderProjection.upsert(placed, event.id(), Instant.now(), known);
            messages.queue(ShopperMessage.ofOrder(order, Milestone.ORDER_CONFIRMED, event.id()));
            if (waiting.contains(order.orderId) || !keys.contains(order.orderId)) {
                arrived.fire(new OrderArrived(order));
            }
        }).apply(events);
    }
}
