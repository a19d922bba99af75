package dev.shipnotify.notification.channel.email;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.ChannelSender;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.delivery.SuppressedException;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.rules.MerchantRules;
import dev.shipnotify.notification.unsubscribe.Unsubscribes;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends notifications as multipart (HTML + text) emails over SMTP with quarkus-mailer's blocking {@link Mailer},
 * which returns once the server accepted the message or throws (bounded by {@code quarkus.mailer.timeout}); the
 * mailer keeps a pool of open connections ({@code quarkus.mailer.max-pool-size}) that a batch's sends share.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final Mailer mailer;
    private final EmailRenderer renderer;
    private final SenderIdentity identity;
    private final Unsubscribes unsubscribes;
    private final MerchantRules rules;

    public EmailSender(Mailer mailer, EmailRenderer renderer, SenderIdentity identity, Unsubscribes unsubscribes,
            MerchantRules rules) {
        this.rules = rules;
        this.mailer = mailer;
        this.renderer = renderer;
        this.identity = identity;
        this.unsubscribes = unsubscribes;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Preparer prepare(List<Notification> batch) {
        Map<String, Set<String>> recipients = new HashMap<>();
        for (Notification notification : batch) {
            recipients.computeIfAbsent(notification.merchantId, merchant -> new HashSet<>())
                    .add(notification.recipient);
        }
        unsubscribes.preload(recipients);
        return this::prepare;
    }

    private Send prepare(Notification notification, OrderProjection order) {
        if (unsubscribes.optedOut(order.merchantId, notification.recipient)) {
            throw new SuppressedException("the shopper unsubscribed from the merchant's emails");
        }
        if (rules.of(order.merchantId).emailWaitsForWhatsAppRead() != null && readOnWhatsApp(notification)) {
            throw new SuppressedException("the shopper read the WhatsApp message for it");
        }
        RenderedEmail email = renderer.render(notification.milestone, order, notification.shipment,
                notification.review);
        if (notification.messageId == null) {
            // Kept with the claim: a send repeated after a crash carries the same Message-ID.
            notification.messageId = identity.newMessageId(order.merchant);
        }
        String messageId = notification.messageId;
        Mail mail = Mail.withHtml(notification.recipient, email.subject(), email.html())
                .setText(email.text())
                .setFrom(identity.from(order.merchant))
                .addHeader("Message-ID", messageId)
                // RFC 3834: an automatic message; auto-responders should not answer it.
                .addHeader("Auto-Submitted", "auto-generated")
                // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link at once.
                .addHeader("List-Unsubscribe", "<" + unsubscribes.link(order.merchantId, notification.recipient,
                        email.locale().toLanguageTag()) + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String supportEmail = order.merchant.supportEmail();
        if (supportEmail != null && supportEmail.indexOf('@') > 0) {
            mail.addReplyTo(supportEmail);
        }
        return () -> {
            mailer.send(mail);
            return new SentMessage(email.subject(), messageId);
        };
    }

    /** Whether the WhatsApp message of the same milestone (and shipment) reached the shopper's eyes. */
    private static boolean readOnWhatsApp(Notification email) {
        return Notification.count("orderId = ?1 and milestone = ?2 and channel = ?3 and status = ?4"
                        + (email.shipmentId == null ? " and shipmentId is null" : " and shipmentId = ?5"),
                email.shipmentId == null
                        ? new Object[] {email.orderId, email.milestone, Channel.WHATSAPP, NotificationStatus.READ}
                        : new Object[] {email.orderId, email.milestone, Channel.WHATSAPP, NotificationStatus.READ,
                            email.shipmentId}) > 0;
    }
}
