package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.delivery.NotificationUndeliverable;
import dev.shipnotify.notification.reply.ShopperReplies;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What WhatsApp webhooks tell: each status of a sent message joins its history and moves it forward (sent, then
 * delivered, then read; or failed, which for an undeliverable number falls back to email), and what a shopper
 * sends is recorded, a STOP opting their number out of WhatsApp. Meta redelivers webhooks; a repeated one changes
 * nothing. Answers are recorded and published by {@link ShopperReplies}.
 */
@ApplicationScoped
public class WhatsAppInbox {

    static final Set<String> STOP_WORDS = Set.of("STOP", "UNSUBSCRIBE");

    /** One status of a message; {@code notificationId} is our {@code biz_opaque_callback_data}, if it came back. */
    public record Status(String messageId, UUID notificationId, String status, Instant at, Integer errorCode,
            String error) {
    }

    /** What a shopper sent; {@code repliedTo} is the id of our message a button belongs to. */
    public record Reply(String messageId, String from, String repliedTo, String action, String text, Instant at) {
    }

    private final WhatsAppOptOuts optOuts;
    private final ShopperReplies replies;
    private final Event<NotificationUndeliverable> undeliverable;

    public WhatsAppInbox(WhatsAppOptOuts optOuts, ShopperReplies replies, Event<NotificationUndeliverable> undeliverable) {
        this.optOuts = optOuts;
        this.replies = replies;
        this.undeliverable = undeliverable;
    }

    @Transactional
    public void status(Status status) {
        Notification notification = find(status);
        if (notification == null) {
            Log.infof("WhatsApp status %s for message %s, which is none of ours", status.status(), status.messageId());
            return;
        }
        int recorded = Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO notification_receipt (notification_id, status, reported_at, received_at, error_code, error)
                        VALUES (:id, :status, :at, :now, :code, :error)
                        ON CONFLICT ON CONSTRAINT notification_receipt_once DO NOTHING""")
                .setParameter("id", notification.id)
                .setParameter("status", status.status().toUpperCase(Locale.ROOT))
                .setParameter("at", status.at())
                .setParameter("now", Instant.now())
                .setParameter("code", status.errorCode())
                .setParameter("error", status.error())
                .executeUpdate();
        if (recorded == 0) {
            return;
        }
        NotificationStatus before = notification.status;
        switch (status.status()) {
            case "delivered" -> advance(notification, NotificationStatus.DELIVERED, Set.of(NotificationStatus.SENT));
            case "read" -> advance(notification, NotificationStatus.READ,
                    Set.of(NotificationStatus.SENT, NotificationStatus.DELIVERED));
            case "failed" -> failed(notification, status);
            default -> {
                // "sent" (and anything new) only joins the history
            }
        }
        Log.debugf("WhatsApp %s for %s of order %s: %s -> %s", status.status(), notification.milestone,
                notification.orderId, before, notification.status);
    }

    private void failed(Notification notification, Status status) {
        String why = "WhatsApp reported it failed: " + status.errorCode() + " " + status.error();
        notification.status = NotificationStatus.FAILED;
        notification.lastError = why;
        notification.updatedAt = Instant.now();
        Log.warnf("WhatsApp %s for order %s to %s failed after it was accepted: %s %s", notification.milestone,
                notification.orderId, Redact.phone(notification.recipient), status.errorCode(), status.error());
        if (status.errorCode() != null && status.errorCode() == WhatsAppSender.UNDELIVERABLE) {
            undeliverable.fire(new NotificationUndeliverable(notification, why));
        }
    }

    private static void advance(Notification notification, NotificationStatus to, Set<NotificationStatus> from) {
        if (from.contains(notification.status)) {
            notification.status = to;
            notification.updatedAt = Instant.now();
        }
    }

    /**
     * The notification a status is about, locked: by the id we gave as callback data (its send may not be recorded
     * yet: then the status only joins the history, and the sender applies it when it records the send), else by the
     * message id.
     */
    private static Notification find(Status status) {
        if (status.notificationId() != null) {
            Notification byId = Notification.findById(status.notificationId(), LockModeType.PESSIMISTIC_WRITE);
            if (byId != null && byId.channel == Channel.WHATSAPP
                    && (byId.messageId == null || byId.messageId.equals(status.messageId()))) {
                return byId;
            }
        }
        return byMessageId(status.messageId());
    }

    private static Notification byMessageId(String messageId) {
        List<Notification> found = Notification.find("messageId = ?1 and channel = ?2", messageId, Channel.WHATSAPP)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        return found.isEmpty() ? null : found.get(0);
    }

    @Transactional
    public void reply(Reply reply) {
        Notification about = reply.repliedTo() == null ? null : byMessageId(reply.repliedTo());
        boolean stop = reply.text() != null && STOP_WORDS.contains(reply.text().strip().toUpperCase(Locale.ROOT))
                && reply.action() == null;
        String action = stop ? "STOP" : reply.action();
        if (!replies.record(reply.messageId(), Channel.WHATSAPP.name(), about, action, reply.text(), reply.at())) {
            return;
        }
        if (stop) {
            optOuts.optOut(reply.from());
            Log.infof("%s replied STOP: no more WhatsApp messages to this number", Redact.phone(reply.from()));
        } else if (about != null) {
            Log.infof("Order %s: the shopper answered %s to the %s message", about.orderId, action, about.milestone);
        } else {
            Log.infof("A WhatsApp message from %s that answers none of ours, recorded", Redact.phone(reply.from()));
        }
    }
}
