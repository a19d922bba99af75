package dev.shipnotify.notification.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.messaging.EventConsumer;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.rules.ShopperMessages;
import dev.shipnotify.notification.unsubscribe.Unsubscribes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of {@code order-placed} events in the transaction of the batch (which records their ids): for each,
 * keeps the order's projection, queues the order confirmation on each channel the shopper consented to, and, if
 * events about the order came first and wait for it, announces the order ({@link OrderArrived}) so they are applied
 * too. The batch's bodies are read first; its existing projections, which of its orders have events waiting and
 * which of its shoppers unsubscribed are each asked once for the batch. Sending happens later, in the sender loop, so
 * the consumer never waits on a mail server.
 */
@ApplicationScoped
public class OrderPlacedHandler {

    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final ShopperMessages messages;
    private final ParkedEvents parked;
    private final Event<OrderArrived> arrived;
    private final Unsubscribes unsubscribes;

    public OrderPlacedHandler(EventConsumer consumer, ObjectMapper json, ShopperMessages messages, ParkedEvents parked,
            Event<OrderArrived> arrived, Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
        this.consumer = consumer;
        this.json = json;
        this.messages = messages;
        this.parked = parked;
        this.arrived = arrived;
    }

    /** Applies the batch's new events, in its transaction. */
    public void apply(List<EventEnvelope> events) {
        Map<EventEnvelope, OrderPlaced> bodies = new IdentityHashMap<>();
        events.forEach(event -> bodies.put(event, event.read(json, OrderPlaced.class)));
        Set<String> orderIds = Set.copyOf(bodies.values().stream().map(OrderPlaced::orderId).toList());
        Set<String> waiting = parked.ordersWaiting(orderIds);
        Map<String, OrderProjection> known = OrderProjection.byId(orderIds);
        Map<String, Set<String>> emails = new HashMap<>();
        bodies.values().stream().filter(order -> order.customer().email() != null).forEach(order -> emails
                .computeIfAbsent(order.merchantId(), merchant -> new HashSet<>()).add(order.customer().email()));
        unsubscribes.preload(emails);
        // Every projection first, then the messages: the new projections are then written with one flush, before the
        // first message that references one, not one flush per message.
        Map<EventEnvelope, OrderProjection> projections = new IdentityHashMap<>();
        Instant now = Instant.now();
        events.forEach(event -> projections.put(event, OrderProjection.upsert(bodies.get(event), event.id(), now,
                known)));
        consumer.eachEvent(event -> {
            OrderProjection order = projections.get(event);
            messages.queue(ShopperMessage.ofOrder(order, Milestone.ORDER_CONFIRMED, event.id()));
            if (waiting.contains(order.orderId)) {
                arrived.fire(new OrderArrived(order));
            }
        }).apply(events);
    }
}
