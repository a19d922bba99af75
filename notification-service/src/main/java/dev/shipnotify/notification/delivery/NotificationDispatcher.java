package dev.shipnotify.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Redact;
import dev.shipnotify.messaging.TraceParents;
import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.DeadLetters;
import dev.shipnotify.messaging.Publisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.MDC;

/**
 * Delivers due notifications a batch at a time, in three steps:
 * <ol>
 * <li>claim: in one short transaction, the oldest due {@code QUEUED} rows nobody holds, with {@code FOR UPDATE SKIP
 * LOCKED} (replicas never take the same row and never wait on each other), leased for {@link #LEASE}; their
 * channels read and render them in as few queries as the batch allows;</li>
 * <li>send: every message of the batch handed to its provider side by side, with no transaction or row lock held
 * while the providers answer;</li>
 * <li>record: in one transaction, each outcome (SENT, or the next attempt with backoff, or FAILED after the retry
 * budget) and an attempt row, and the lease released.</li>
 * </ol>
 * The window that remains: if the process dies after a provider accepted a message and before its outcome is
 * recorded, the row is still {@code QUEUED} and the message is sent once more when the lease runs out, so a crash
 * repeats at most the sends under way: {@code notification.sender.workers} × {@code notification.sender.batch-size}.
 * An email's copy carries the same {@code Message-ID}, fixed when the row was first claimed, so mail clients that
 * de-duplicate on it show one message. Closing the window entirely would need the provider to de-duplicate on our
 * id, which SMTP does not offer.
 */
@ApplicationScoped
public class NotificationDispatcher {

    /** Where notifications go that will not be sent: refused as malformed, or out of attempts; with the reason. */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter("notifications", "notification-service");
    /** How long a claim keeps other senders off its rows: well past the providers' timeouts. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final Duration[] SCAN_TO_ACCEPTED_BUCKETS = java.util.stream.Stream.of(1, 5, 15, 30, 60, 120, 300,
            900, 1800, 3600).map(Duration::ofSeconds).toArray(Duration[]::new);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Backoff backoff;
    private final int maxAttempts;
    private final MeterRegistry meters;
    private final Publisher publisher;
    private final Event<NotificationUndeliverable> undeliverable;
    private final Tracer tracer;

    public NotificationDispatcher(Instance<ChannelSender> senders, NotificationConfig config, MeterRegistry meters,
            Publisher publisher, Event<NotificationUndeliverable> undeliverable, Tracer tracer) {
        this.publisher = publisher;
        this.tracer = tracer;
        this.undeliverable = undeliverable;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.backoff = new Backoff(config.sender().retry().initialBackoff(), config.sender().retry().maxBackoff());
        this.maxAttempts = config.sender().retry().maxAttempts();
        this.meters = meters;
    }

    /** What became of one notification of a batch. */
    public enum Result {
        SENT,
        /** Not sent on purpose (the shopper withdrew from the channel); nothing to retry. */
        SUPPRESSED,
        /** Not sent and not to be retried: undeliverable on its channel (it fell back), or refused as malformed. */
        GAVE_UP,
        /** The attempt failed; the notification was rescheduled or, with its budget spent, marked FAILED. */
        FAILED
    }

    /** What one {@link #dispatchDue} did: how many notifications it handled, and whether any attempt failed. */
    public record Round(int handled, boolean failed) {
    }

    /** A claimed notification on its way: its send, then what came of it. */
    private static final class Claimed {
        final Notification notification;
        final ChannelSender.Send send;
        Span span;
        Instant started;
        Instant finished;
        ChannelSender.SentMessage sent;
        RuntimeException error;

        Claimed(Notification notification, ChannelSender.Send send) {
            this.notification = notification;
            this.send = send;
        }
    }

    /** Claims up to {@code limit} due notifications, sends them side by side and records every outcome. */
    public Round dispatchDue(int limit) {
        List<Claimed> batch = QuarkusTransaction.requiringNew().call(() -> claim(Instant.now(), limit));
        if (batch.isEmpty()) {
            return new Round(0, false);
        }
        CompletableFuture.allOf(batch.stream()
                .map(claimed -> CompletableFuture.runAsync(() -> send(claimed), Infrastructure.getDefaultWorkerPool()))
                .toArray(CompletableFuture[]::new)).join();
        List<Result> results;
        try {
            results = QuarkusTransaction.requiringNew().call(() -> record(batch));
        } catch (RuntimeException e) {
            // One outcome broke the batch's transaction: each on its own, so only that one stays unrecorded.
            Log.errorf(e, "Recording %d outcomes together failed; recording them one by one", batch.size());
            results = batch.stream().map(this::recordAlone).toList();
        }
        return new Round(batch.size(), results.contains(Result.FAILED));
    }

    /**
     * The oldest due notifications on channels that work now, locked and leased, each with its prepared send. A
     * notification waits while an earlier one of its order on its channel is due (or being sent by another worker),
     * so a shopper hears of "shipped" before "out for delivery" however many workers send, and a batch never holds
     * two of one order on one channel.
     */
    private List<Claimed> claim(Instant now, int limit) {
        List<String> available = senders.values().stream().filter(ChannelSender::available)
                .map(sender -> sender.channel().name()).toList();
        if (available.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Notification> due = Panache.getEntityManager().createNativeQuery("""
                SELECT * FROM notification n
                WHERE status = 'QUEUED' AND next_attempt_at <= :now AND channel IN (:channels)
                  AND (leased_until IS NULL OR leased_until <= :now)
                  AND NOT EXISTS (SELECT 1 FROM notification earlier
                                  WHERE earlier.order_id = n.order_id AND earlier.channel = n.channel
                                    AND earlier.status = 'QUEUED' AND earlier.next_attempt_at <= :now
                                    AND earlier.created_at < n.created_at)
                ORDER BY next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter("now", now)
                .setParameter("channels", available)
                .setParameter("limit", limit)
                .getResultList();
        Map<String, OrderProjection> orders = OrderProjection.byId(
                due.stream().map(notification -> notification.orderId).collect(Collectors.toSet()));
        Map<Channel, List<Notification>> byChannel = new EnumMap<>(Channel.class);
        for (Notification notification : due) {
            notification.leasedUntil = now.plus(LEASE);
            byChannel.computeIfAbsent(notification.channel, channel -> new ArrayList<>()).add(notification);
        }
        List<Claimed> batch = new ArrayList<>(due.size());
        byChannel.forEach((channel, notifications) -> {
            ChannelSender.Preparer preparer = senders.get(channel).prepare(notifications);
            for (Notification notification : notifications) {
                batch.add(new Claimed(notification, prepare(preparer, notification,
                        orders.get(notification.orderId))));
            }
        });
        return batch;
    }

    /** The notification's send; if it cannot be prepared, a send that throws why, so it is recorded like the rest. */
    private static ChannelSender.Send prepare(ChannelSender.Preparer preparer, Notification notification,
            OrderProjection order) {
        try {
            if (order == null) {
                throw new IllegalStateException("no projection of order " + notification.orderId);
            }
            return preparer.prepare(notification, order);
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
    }

    /**
     * One attempt in a span of its own ({@code send email} or {@code send whatsapp}), in the trace of the event that
     * queued the message; the span ends once the outcome is recorded.
     */
    private void send(Claimed claimed) {
        Notification notification = claimed.notification;
        claimed.span = tracer.spanBuilder("send " + notification.channel.key()).setSpanKind(SpanKind.CLIENT)
                .setParent(TraceParents.parent(notification.traceParent))
                .setAttribute("notification.id", notification.id.toString())
                .setAttribute("notification.milestone", notification.milestone.key())
                .setAttribute("notification.attempt", notification.attempts + 1L).startSpan();
        claimed.started = Instant.now();
        try (Scope ignored = claimed.span.makeCurrent()) {
            claimed.sent = claimed.send.send();
        } catch (RuntimeException e) {
            claimed.error = e;
        } finally {
            claimed.finished = Instant.now();
        }
    }

    /**
     * Records the batch's outcomes on its rows, locked: a provider's receipt (a WhatsApp status webhook) can arrive
     * before its send is recorded, and the lock makes it either wait for this record or be seen by it.
     */
    private List<Result> record(List<Claimed> batch) {
        List<UUID> ids = batch.stream().map(claimed -> claimed.notification.id).toList();
        Map<UUID, Notification> rows = new HashMap<>();
        Notification.<Notification>find("id in ?1", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(row -> rows.put(row.id, row));
        Map<UUID, NotificationStatus> reached = receiptsBefore(ids);
        return batch.stream().map(claimed -> {
            Notification row = rows.get(claimed.notification.id);
            Result result = record(claimed, row);
            if (result == Result.SENT && reached.containsKey(row.id)) {
                row.status = reached.get(row.id);
            }
            return result;
        }).toList();
    }

    /** The furthest status (delivered, read) that receipts already recorded for these notifications reached. */
    private static Map<UUID, NotificationStatus> receiptsBefore(List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> receipts = Panache.getEntityManager().createNativeQuery("""
                        SELECT notification_id, status FROM notification_receipt
                        WHERE notification_id IN (:ids) AND status IN ('DELIVERED', 'READ')""")
                .setParameter("ids", ids)
                .getResultList();
        Map<UUID, NotificationStatus> reached = new HashMap<>();
        for (Object[] receipt : receipts) {
            reached.merge((UUID) receipt[0], NotificationStatus.valueOf((String) receipt[1]),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return reached;
    }

    /** Records one outcome in its own transaction; if even that fails, counts a failed attempt in another. */
    private Result recordAlone(Claimed claimed) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> record(List.of(claimed)).get(0));
        } catch (RuntimeException e) {
            // The row is unchanged: count a failed attempt, so a row that always breaks its transaction backs off
            // and ends FAILED instead of coming back with every lease.
            String error = describe(e);
            QuarkusTransaction.requiringNew().run(() -> {
                Notification notification = Notification.findById(claimed.notification.id,
                        LockModeType.PESSIMISTIC_WRITE);
                if (notification != null && notification.status == NotificationStatus.QUEUED) {
                    notification.attempts++;
                    notification.lastAttemptAt = claimed.started;
                    notification.leasedUntil = null;
                    failed(notification, claimed.started, error);
                }
            });
            end(claimed, Result.FAILED, error);
            return Result.FAILED;
        }
    }

    /**
     * Records the outcome on the row as it is now; a row no longer {@code QUEUED} (cancelled meanwhile) keeps its
     * state. The log lines of the attempt carry its {@code traceId} and {@code spanId}.
     */
    private Result record(Claimed claimed, Notification notification) {
        if (notification == null || notification.status != NotificationStatus.QUEUED) {
            end(claimed, Result.SUPPRESSED, null);
            return Result.SUPPRESSED;
        }
        MDC.put("traceId", claimed.span.getSpanContext().getTraceId());
        MDC.put("spanId", claimed.span.getSpanContext().getSpanId());
        try {
            notification.leasedUntil = null;
            Result result = outcome(notification, claimed);
            end(claimed, result, notification.lastError);
            return result;
        } finally {
            MDC.remove("traceId");
            MDC.remove("spanId");
        }
    }

    private static void end(Claimed claimed, Result result, String error) {
        claimed.span.setAttribute("notification.outcome", result.name());
        if (result == Result.FAILED || result == Result.GAVE_UP) {
            claimed.span.setStatus(StatusCode.ERROR, String.valueOf(error));
        }
        claimed.span.end();
    }

    private Result outcome(Notification notification, Claimed claimed) {
        Instant started = claimed.started;
        Instant finished = claimed.finished;
        notification.attempts++;
        notification.lastAttemptAt = started;
        if (claimed.error == null) {
            ChannelSender.SentMessage sent = claimed.sent;
            notification.status = NotificationStatus.SENT;
            notification.sentAt = finished;
            notification.subject = sent.subject();
            notification.messageId = sent.messageId();
            notification.lastError = null;
            notification.updatedAt = finished;
            NotificationAttempt.record(notification, started, finished, NotificationAttempt.Outcome.SENT, null);
            count(notification, "sent");
            timeSinceScan(notification, finished);
            Log.infof("Sent %s %s for order %s to %s, attempt %d, message %s", notification.milestone,
                    notification.channel, notification.orderId, redact(notification), notification.attempts,
                    sent.messageId());
            return Result.SENT;
        }
        try {
            throw claimed.error;
        } catch (SuppressedException e) {
            notification.status = NotificationStatus.SUPPRESSED;
            notification.lastError = e.getMessage();
            notification.updatedAt = finished;
            NotificationAttempt.record(notification, started, finished, NotificationAttempt.Outcome.SUPPRESSED,
                    e.getMessage());
            count(notification, "suppressed");
            Log.infof("Not sending %s %s for order %s to %s: %s", notification.milestone, notification.channel,
                    notification.orderId, redact(notification), e.getMessage());
            return Result.SUPPRESSED;
        } catch (UndeliverableException e) {
            giveUp(notification, started, e.getMessage());
            undeliverable.fire(new NotificationUndeliverable(notification, e.getMessage()));
            return Result.GAVE_UP;
        } catch (RejectedException e) {
            giveUp(notification, started, e.getMessage());
            publisher.send(List.of(deadLetter(notification, e.getMessage())));
            Log.errorf("Dead-lettered %s %s for order %s to %s: the provider refused it as malformed: %s",
                    notification.milestone, notification.channel, notification.orderId, redact(notification),
                    e.getMessage());
            return Result.GAVE_UP;
        } catch (ChannelUnavailableException e) {
            // Not the notification's fault: it keeps its attempt budget and waits for the channel to work again.
            notification.attempts--;
            notification.lastError = e.getMessage();
            notification.updatedAt = finished;
            Log.errorf("%s channel unavailable, %s for order %s waits: %s", notification.channel,
                    notification.milestone, notification.orderId, e.getMessage());
            return Result.FAILED;
        } catch (RuntimeException e) {
            failed(notification, started, describe(e));
            return Result.FAILED;
        }
    }

    /** Marks a notification FAILED at once, whatever its budget: a retry would fail the same way. */
    private void giveUp(Notification notification, Instant started, String error) {
        Instant finished = Instant.now();
        notification.status = NotificationStatus.FAILED;
        notification.lastError = error;
        notification.updatedAt = finished;
        NotificationAttempt.record(notification, started, finished, NotificationAttempt.Outcome.FAILED, error);
        count(notification, "failed");
        Log.warnf("Not sending %s %s for order %s to %s again: %s", notification.milestone, notification.channel,
                notification.orderId, redact(notification), error);
    }

    /**
     * What goes to {@code notifications.notification-service.dlq}: the notification, not the shopper's address; after
     * a fix, re-queuing the row (status {@code QUEUED}) sends it, still once, under its natural key.
     */
    private ProducerRecord<String, byte[]> deadLetter(Notification notification, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notification.id.toString());
        body.put("orderId", notification.orderId);
        body.put("merchantId", notification.merchantId);
        body.put("shipmentId", notification.shipmentId);
        body.put("milestone", notification.milestone.name());
        body.put("channel", notification.channel.name());
        body.put("sourceEventId", notification.sourceEventId);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(DEAD_LETTER_TOPIC, notification.orderId, json);
        Publisher.header(record, DeadLetters.REASON, reason);
        return record;
    }

    private void failed(Notification notification, Instant started, String error) {
        Instant finished = Instant.now();
        notification.lastError = error;
        notification.updatedAt = finished;
        if (notification.attempts >= maxAttempts) {
            notification.status = NotificationStatus.FAILED;
            NotificationAttempt.record(notification, started, finished, NotificationAttempt.Outcome.FAILED, error);
            count(notification, "failed");
            String reason = "no attempt of " + notification.attempts + " succeeded; the last: " + error;
            publisher.send(List.of(deadLetter(notification, reason)));
            Log.errorf("Giving up on %s %s for order %s to %s after %d attempts, status FAILED, sent to %s: %s",
                    notification.milestone, notification.channel, notification.orderId, redact(notification),
                    notification.attempts, DEAD_LETTER_TOPIC, error);
        } else {
            notification.nextAttemptAt = finished.plus(backoff.after(notification.attempts));
            NotificationAttempt.record(notification, started, finished, NotificationAttempt.Outcome.RETRY, error);
            count(notification, "retry");
            Log.warnf("Could not send %s %s for order %s to %s (attempt %d of %d), next attempt at %s: %s",
                    notification.milestone, notification.channel, notification.orderId, redact(notification),
                    notification.attempts, maxAttempts, notification.nextAttemptAt, error);
        }
    }

    /** {@code notifications_total{channel, milestone, template, outcome}}. */
    private void count(Notification notification, String outcome) {
        meters.counter("notifications", "channel", notification.channel.key(), "milestone",
                notification.milestone.key(), "template", notification.template(), "outcome", outcome).increment();
    }

    /**
     * {@code notification_scan_to_accepted_seconds{channel, milestone}}, a histogram: from the courier's scan to the
     * provider accepting the message about it, the delay the shopper sees.
     */
    private void timeSinceScan(Notification notification, Instant accepted) {
        if (notification.shipment == null || notification.shipment.time() == null) {
            return;
        }
        Instant scanned;
        try {
            scanned = OffsetDateTime.parse(notification.shipment.time()).toInstant();
        } catch (DateTimeParseException e) {
            return;
        }
        Timer.builder("notification.scan.to.accepted")
                .description("From the courier's scan to the provider accepting the message about it")
                .tags("channel", notification.channel.key(), "milestone", notification.milestone.key())
                .serviceLevelObjectives(SCAN_TO_ACCEPTED_BUCKETS)
                .register(meters).record(Duration.between(scanned, accepted));
    }

    private static String redact(Notification notification) {
        return notification.channel == Channel.EMAIL ? Redact.email(notification.recipient)
                : Redact.phone(notification.recipient);
    }

    /** The exception and its causes in one line, without stack frames: what an operator needs in the log. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}
