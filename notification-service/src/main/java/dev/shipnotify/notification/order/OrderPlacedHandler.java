package dev.shipnotify.notification.order;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.inbox.ParkedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;

/**
 * Applies an {@code order-placed} event in the transaction of its batch (which records its id): keeps the order's
 * projection, queues the order confirmation on each channel the shopper consented to, and announces the order
 * ({@link OrderArrived}) so that shipment events which came first are applied too. Sending happens
 * later, in the sender loop, so the consumer never waits on a mail server.
 */
@ApplicationScoped
public class OrderPlacedHandler {

    private final ShopperMessages messages;
    private final ParkedEvents parked;
    private final Event<OrderArrived> arrived;

    public OrderPlacedHandler(ShopperMessages messages, ParkedEvents parked, Event<OrderArrived> arrived) {
        this.parked = parked;
        this.messages = messages;
        this.arrived = arrived;
    }

    /** Applies a consumed event, in the transaction of its batch. */
    public void apply(EventEnvelope event, OrderPlaced placed) {
        OrderProjection order = OrderProjection.upsert(placed, event.id(), Instant.now());
        messages.queue(ShopperMessage.ofOrder(order, Milestone.ORDER_CONFIRMED, event.id()));
        arrived.fire(new OrderArrived(order));
    }
}
