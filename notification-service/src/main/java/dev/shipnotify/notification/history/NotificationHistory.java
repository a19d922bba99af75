package dev.shipnotify.notification.history;

import dev.shipnotify.contracts.Redact;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationAttempt;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads an order's notification log: each message with every step it went through, ours and the provider's. */
@ApplicationScoped
public class NotificationHistory {

    /**
     * One message: what, to whom (masked), how it stands, its steps in time order, and the trace (OpenTelemetry) of
     * the event that caused it, which its send joined.
     */
    public record Message(UUID id, String milestone, String channel, String shipmentId, String template,
            String subject, String recipient, String status, String reason, String providerMessageId,
            Instant queuedAt, Instant sentAt, String traceId, List<Step> history) {
    }

    /**
     * A step: {@code QUEUED}, an attempt's outcome ({@code SENT}, {@code RETRY}, {@code FAILED}, {@code SUPPRESSED})
     * or a status the provider reported ({@code SENT}, {@code DELIVERED}, {@code READ}, {@code FAILED}).
     *
     * @param at         when it happened here: for an attempt, when it began (the hand-over: the provider's report
     *                   of a send can arrive before the send's own answer does); for a provider's status, when its
     *                   report arrived
     * @param by         {@code service} for our own steps, {@code provider} for what the provider reported
     * @param reportedAt the provider's own time for its status (WhatsApp gives whole seconds); null for ours
     * @param detail     an error or a reason, or null
     */
    public record Step(String status, Instant at, String by, Instant reportedAt, String detail) {
    }

    /** The log of an order of this merchant, oldest message first; empty when the merchant has no such order. */
    @Transactional
    public Optional<List<Message>> of(String merchantId, String orderId) {
        List<Notification> notifications = Notification.list("orderId = ?1 and merchantId = ?2 order by createdAt",
                orderId, merchantId);
        if (notifications.isEmpty()) {
            return OrderProjection.<OrderProjection>findByIdOptional(orderId)
                    .filter(order -> order.merchantId.equals(merchantId)).map(order -> List.of());
        }
        List<UUID> ids = notifications.stream().map(n -> n.id).toList();
        Map<UUID, List<NotificationAttempt>> attempts = NotificationAttempt
                .<NotificationAttempt>list("notificationId in ?1 order by attempt", ids).stream()
                .collect(Collectors.groupingBy(a -> a.notificationId));
        Map<UUID, List<Step>> receipts = receipts(ids);
        return Optional.of(notifications.stream().map(n -> message(n, attempts.getOrDefault(n.id, List.of()),
                receipts.getOrDefault(n.id, List.of()))).toList());
    }

    private static Message message(Notification n, List<NotificationAttempt> attempts, List<Step> receipts) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("QUEUED", n.createdAt, "service", null,
                n.nextAttemptAt.isAfter(n.createdAt.plusSeconds(1)) ? "waits until " + n.nextAttemptAt : null));
        attempts.forEach(a -> steps.add(new Step(a.outcome.name(), a.startedAt, "service", null, a.error)));
        steps.addAll(receipts);
        if (attempts.isEmpty() && n.lastError != null) {
            // Suppressed without an attempt (the order was cancelled), or waiting on a stopped channel.
            steps.add(new Step(n.status.name(), n.updatedAt, "service", null, n.lastError));
        }
        steps.sort(Comparator.comparing(Step::at));
        String template = n.template();
        String recipient = n.channel == Channel.EMAIL ? Redact.email(n.recipient) : Redact.phone(n.recipient);
        boolean unhappy = switch (n.status) {
            case FAILED, SUPPRESSED, QUEUED -> true;
            default -> false;
        };
        return new Message(n.id, n.milestone.name(), n.channel.name(), n.shipmentId, template,
                n.channel == Channel.EMAIL ? n.subject : null, recipient, n.status.name(),
                unhappy ? n.lastError : null, n.messageId, n.createdAt, n.sentAt, n.traceId(), steps);
    }

    private static Map<UUID, List<Step>> receipts(List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        SELECT notification_id, status, received_at, reported_at, error_code, error
                        FROM notification_receipt
                        WHERE notification_id IN (:ids) ORDER BY id""")
                .setParameter("ids", ids).getResultList();
        return rows.stream().collect(Collectors.groupingBy(row -> (UUID) row[0], Collectors.mapping(
                row -> new Step((String) row[1], (Instant) row[2], "provider", (Instant) row[3],
                        row[4] == null ? null : row[4] + " " + row[5]), Collectors.toList())));
    }
}
