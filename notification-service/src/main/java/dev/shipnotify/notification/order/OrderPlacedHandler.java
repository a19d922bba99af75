package dev.shipnotify.notification.order;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.inbox.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.inbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;

/**
 * Applies an {@code order-placed} event in one transaction: records its id as handled, keeps the order's
 * projection, queues the order confirmation on each channel the shopper consented to, and announces the order
 * ({@link OrderArrived}) so that shipment events which came first are applied too. Sending happens
 * later, in the sender loop, so the consumer never waits on a mail server.
 */
@ApplicationScoped
public class OrderPlacedHandler {

    private final ProcessedEvents processedEvents;
    private final ShopperMessages messages;
    private final ParkedEvents parked;
    private final Event<OrderArrived> arrived;

    public OrderPlacedHandler(ProcessedEvents processedEvents, ShopperMessages messages, ParkedEvents parked,
            Event<OrderArrived> arrived) {
        this.processedEvents = processedEvents;
        this.parked = parked;
        this.messages = messages;
        this.arrived = arrived;
    }

    public void handle(EventEnvelope event, OrderPlaced placed) {
        processedEvents.once(event, e -> apply(e, placed));
    }

    private void apply(EventEnvelope event, OrderPlaced placed) {
        parked.lockOrder(placed.orderId());
        OrderProjection order = OrderProjection.upsert(placed, event.id(), Instant.now());
        messages.queue(ShopperMessage.ofOrder(order, Milestone.ORDER_CONFIRMED, event.id()));
        arrived.fire(new OrderArrived(order));
    }
}
