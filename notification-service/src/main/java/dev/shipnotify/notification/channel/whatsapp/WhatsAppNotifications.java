package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.NotificationQueue;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.rules.ShopperCap;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Queues a milestone's WhatsApp message to the order's shopper, in the caller's transaction, unless the channel is
 * not configured, the shopper gave no WhatsApp consent, has no phone number or replied STOP. During quiet hours in
 * the shopper's time zone the message waits until they end, except the news that cannot wait until morning.
 */
@ApplicationScoped
public class WhatsAppNotifications {

    /** A courier is at the door today: these go out even at night. */
    static final Set<Milestone> URGENT = Set.of(Milestone.OUT_FOR_DELIVERY, Milestone.FAILED_ATTEMPT);

    private final NotificationQueue queue;
    private final WhatsAppOptOuts optOuts;
    private final ShopperCap cap;
    private final WhatsAppChannel channel;
    private final Optional<QuietHours> quietHours;

    public WhatsAppNotifications(NotificationQueue queue, WhatsAppOptOuts optOuts, ShopperCap cap,
            WhatsAppChannel channel, NotificationConfig config) {
        this.queue = queue;
        this.cap = cap;
        this.optOuts = optOuts;
        this.channel = channel;
        this.quietHours = config.quietHours().filter(text -> !text.isBlank()).map(QuietHours::parse);
    }

    /** @return whether a WhatsApp message is queued, now or before, for this milestone */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean queue(ShopperMessage message) {
        OrderProjection order = message.order();
        Milestone milestone = message.milestone();
        if (!channel.configured()) {
            Log.debugf("Order %s: WhatsApp is not configured, no %s message", order.orderId, milestone.key());
            return false;
        }
        if (!order.consentWhatsapp) {
            Log.infof("Order %s: no WhatsApp consent, no %s message", order.orderId, milestone.key());
            return false;
        }
        if (order.shopperPhone == null || order.shopperPhone.isBlank()) {
            Log.warnf("Order %s: WhatsApp consent but no phone number, no %s message", order.orderId, milestone.key());
            return false;
        }
        if (optOuts.optedOut(order.shopperPhone)) {
            Log.infof("Order %s: %s replied STOP on WhatsApp, no %s message", order.orderId,
                    Redact.phone(order.shopperPhone), milestone.key());
            return false;
        }
        Instant notBefore = notBefore(order, milestone, Instant.now());
        String capped = cap.refuses(order, milestone, Channel.WHATSAPP, order.shopperPhone).orElse(null);
        boolean queued = queue.enqueue(NotificationQueue.Request.of(message, Channel.WHATSAPP, order.shopperPhone,
                null, notBefore, capped));
        if (queued && capped != null) {
            Log.infof("Order %s%s: no %s WhatsApp message: %s", order.orderId, message.shipmentSuffix(),
                    milestone.key(), capped);
            return false;
        } else if (queued) {
            Log.infof("Order %s%s: %s WhatsApp message to %s queued%s", order.orderId, message.shipmentSuffix(),
                    milestone.key(), Redact.phone(order.shopperPhone),
                    notBefore == null ? "" : ", waiting for the end of quiet hours at " + notBefore);
        } else {
            Log.infof("Order %s%s: %s WhatsApp message already queued or sent; event %s adds nothing", order.orderId,
                    message.shipmentSuffix(), milestone.key(), message.eventId());
        }
        return true;
    }

    /** The end of the quiet hours the shopper is in now, or null to send at once. */
    private Instant notBefore(OrderProjection order, Milestone milestone, Instant now) {
        if (quietHours.isEmpty() || URGENT.contains(milestone)) {
            return null;
        }
        return quietHours.get().endOfWindowAt(now, order.timeZone()).orElse(null);
    }
}
