package dev.shipnotify.notification.channel.email;

import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.NotificationQueue;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.rules.ShopperCap;
import dev.shipnotify.notification.unsubscribe.Unsubscribes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Queues a milestone's email to the order's shopper, in the caller's transaction, unless the shopper gave no
 * email consent, has no address, or unsubscribed from the merchant's emails.
 */
@ApplicationScoped
public class EmailNotifications {

    private final NotificationQueue queue;
    private final SenderIdentity identity;
    private final Unsubscribes unsubscribes;
    private final ShopperCap cap;

    public EmailNotifications(NotificationQueue queue, SenderIdentity identity, Unsubscribes unsubscribes,
            ShopperCap cap) {
        this.cap = cap;
        this.queue = queue;
        this.identity = identity;
        this.unsubscribes = unsubscribes;
    }

    /**
     * Queues the message's email, unless the shopper cannot or does not want to get it.
     *
     * @param notBefore when to send it at the earliest; null for at once
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(ShopperMessage message, Instant notBefore) {
        OrderProjection order = message.order();
        Milestone milestone = message.milestone();
        if (!order.consentEmail) {
            Log.infof("Order %s: no email consent, no %s email", order.orderId, milestone.key());
            return;
        }
        if (order.shopperEmail == null || order.shopperEmail.isBlank()) {
            Log.warnf("Order %s: email consent but no email address, no %s email", order.orderId, milestone.key());
            return;
        }
        if (unsubscribes.optedOut(order.merchantId, order.shopperEmail)) {
            Log.infof("Order %s: %s unsubscribed from the merchant's emails, no %s email", order.orderId,
                    Redact.email(order.shopperEmail), milestone.key());
            return;
        }
        String capped = cap.refuses(order, milestone, Channel.EMAIL, order.shopperEmail).orElse(null);
        boolean queued = queue.enqueue(NotificationQueue.Request.of(message, Channel.EMAIL, order.shopperEmail,
                identity.newMessageId(order.merchant), notBefore, capped));
        if (queued && capped != null) {
            Log.infof("Order %s%s: no %s email: %s", order.orderId, message.shipmentSuffix(), milestone.key(), capped);
        } else if (queued) {
            Log.infof("Order %s%s: %s email to %s queued", order.orderId, message.shipmentSuffix(), milestone.key(),
                    Redact.email(order.shopperEmail));
        } else {
            Log.infof("Order %s%s: %s email already queued or sent; event %s adds nothing", order.orderId,
                    message.shipmentSuffix(), milestone.key(), message.eventId());
        }
    }
}
