package dev.shipnotify.notification.channel.email;

import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.NotificationQueue;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.unsubscribe.Unsubscribes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Queues a milestone's email to the order's shopper, in the caller's transaction, unless the shopper gave no
 * email consent, has no address, or unsubscribed from the merchant's emails.
 */
@ApplicationScoped
public class EmailNotifications {

    private final NotificationQueue queue;
    private final SenderIdentity identity;
    private final Unsubscribes unsubscribes;

    public EmailNotifications(NotificationQueue queue, SenderIdentity identity, Unsubscribes unsubscribes) {
        this.queue = queue;
        this.identity = identity;
        this.unsubscribes = unsubscribes;
    }

    /** Queues the message's email, unless the shopper cannot or does not want to get it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(ShopperMessage message) {
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
        boolean queued = queue.enqueue(NotificationQueue.Request.of(message, Channel.EMAIL, order.shopperEmail,
                identity.newMessageId(order.merchant), null));
        if (queued) {
            Log.infof("Order %s%s: %s email to %s queued", order.orderId, message.shipmentSuffix(), milestone.key(),
                    Redact.email(order.shopperEmail));
        } else {
            Log.infof("Order %s%s: %s email already queued or sent; event %s adds nothing", order.orderId,
                    message.shipmentSuffix(), milestone.key(), message.eventId());
        }
    }
}
