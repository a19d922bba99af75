package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.channel.email.SenderIdentity;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.NotificationQueue;
import dev.shipnotify.contracts.inbox.EventEnvelope;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.inbox.ProcessedEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
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
    private final NotificationQueue queue;
    private final SenderIdentity emailIdentity;
    private final ParkedEvents parked;
    private final Event<OrderArrived> arrived;

    public OrderPlacedHandler(ProcessedEvents processedEvents, NotificationQueue queue, SenderIdentity emailIdentity,
            ParkedEvents parked, Event<OrderArrived> arrived) {
        this.processedEvents = processedEvents;
        this.parked = parked;
        this.queue = queue;
        this.emailIdentity = emailIdentity;
        this.arrived = arrived;
    }

    @Transactional
    public void handle(EventEnvelope event, OrderPlaced placed) {
        if (!processedEvents.firstDelivery(event)) {
            Log.infof("Event %s (%s) for order %s was handled before; nothing to do", event.id(), event.position(),
                    placed.orderId());
            return;
        }
        parked.lockOrder(placed.orderId());
        OrderProjection order = OrderProjection.upsert(placed, event.id(), Instant.now());
        queueEmail(event, order);
        arrived.fire(new OrderArrived(order));
    }

    private void queueEmail(EventEnvelope event, OrderProjection order) {
        if (!order.consentEmail) {
            Log.infof("Order %s: no email consent, no confirmation email", order.orderId);
            return;
        }
        if (order.shopperEmail == null || order.shopperEmail.isBlank()) {
            Log.warnf("Order %s: email consent but no email address, no confirmation email", order.orderId);
            return;
        }
        boolean queued = queue.enqueue(new NotificationQueue.Request(order.orderId, order.merchantId, null, null,
                Milestone.ORDER_CONFIRMED, Channel.EMAIL, order.shopperEmail, order.shopperLocale,
                emailIdentity.newMessageId(order.merchant), event.id()));
        if (queued) {
            Log.infof("Order %s: confirmation email to %s queued", order.orderId, Redact.email(order.shopperEmail));
        } else {
            Log.infof("Order %s: confirmation email already queued or sent; event %s adds nothing", order.orderId,
                    event.id());
        }
    }
}
