package dev.shipnotify.notification.rules;

import dev.shipnotify.notification.channel.email.EmailNotifications;
import dev.shipnotify.notification.channel.whatsapp.WhatsAppNotifications;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationUndeliverable;
import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Where a milestone's message goes: on each channel the merchant's rules name for it, each channel then checking the
 * shopper's consent and opt-outs. A WhatsApp message the shopper's number cannot receive falls back to email.
 */
@ApplicationScoped
public class ShopperMessages {

    private final MerchantRules rules;
    private final EmailNotifications email;
    private final WhatsAppNotifications whatsapp;

    public ShopperMessages(MerchantRules rules, EmailNotifications email, WhatsAppNotifications whatsapp) {
        this.rules = rules;
        this.email = email;
        this.whatsapp = whatsapp;
    }

    /** Queues the message on its channels, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(ShopperMessage message) {
        NotificationRules merchantRules = rules.of(message.order().merchantId);
        Set<Channel> channels = merchantRules.channelsFor(message.milestone());
        if (channels.isEmpty()) {
            Log.infof("Order %s: merchant %s sends no %s messages", message.order().orderId,
                    message.order().merchantId, message.milestone().key());
        }
        boolean whatsappQueued = channels.contains(Channel.WHATSAPP) && whatsapp.queue(message);
        if (channels.contains(Channel.EMAIL)) {
            Duration wait = whatsappQueued ? merchantRules.emailWaitsForWhatsAppRead() : null;
            email.queue(message, wait == null ? null : Instant.now().plus(wait));
        }
    }

    /** The WhatsApp message cannot reach the shopper: the email goes instead, unless it goes anyway. */
    void fallBack(@Observes NotificationUndeliverable undeliverable) {
        Notification notification = undeliverable.notification();
        if (notification.channel != Channel.WHATSAPP) {
            return;
        }
        OrderProjection order = OrderProjection.findById(notification.orderId);
        if (order == null || order.cancelledAt != null) {
            return;
        }
        if (rules.of(order.merchantId).channelsFor(notification.milestone).contains(Channel.EMAIL)) {
            Log.infof("Order %s: %s WhatsApp message undeliverable; its email goes anyway", order.orderId,
                    notification.milestone.key());
            return;
        }
        Log.infof("Order %s: %s WhatsApp message undeliverable, falling back to email", order.orderId,
                notification.milestone.key());
        email.queue(ShopperMessage.of(notification, order), null);
    }
}
