package dev.shipnotify.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Redact;
import dev.shipnotify.messaging.TraceParents;
import dev.shipnotify.notification.NotificationConfig;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.MDC;

/**
 * Delivers one due notification per call, in its own transaction:
 * <ol>
 * <li>claim the oldest due {@code QUEUED} row with {@code FOR UPDATE SKIP LOCKED}, so replicas never take
 * the same row and never wait on each other;</li>
 * <li>hand it to its channel (render, send) while holding the row lock;</li>
 * <li>record the outcome (SENT, or the next attempt with backoff, or FAILED after the retry budget) and an
 * attempt row, and commit.</li>
 * </ol>
 * The window that remains: if the process dies (or the commit fails) after the provider accepted the message
 * and before this transaction commits, the row is still {@code QUEUED} and the message is sent once more on
 * the next claim. For email the copy carries the same {@code Message-ID}, fixed when the row was queued,
 * so mail clients that de-duplicate on it show one message. Closing the window entirely would need the
 * provider to de-duplicate on our id, which SMTP does not offer.
 */
@ApplicationScoped
public class NotificationDispatcher {

    /** Where notifications go that will not be sent: refused as malformed, or out of attempts; with the reason. */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter("notifications", "notification-service");
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

    /** What one call of {@link #dispatchNextDue()} did. */
    public enum Result {
        /** Nothing was due. */
        IDLE,
        SENT,
        /** Not sent on purpose (the shopper withdrew from the channel); nothing to retry. */
        SUPPRESSED,
        /** Not sent and not to be retried: undeliverable on its channel (it fell back), or refused as malformed. */
        GAVE_UP,
        /** The attempt failed; the notification was rescheduled or, with its budget spent, marked FAILED. */
        FAILED
    }

    public Result dispatchNextDue() {
        AtomicReference<UUID> claimed = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Notification notification = claimNextDue(Instant.now());
                if (notification == null) {
                    return Result.IDLE;
                }
                claimed.set(notification.id);
                return deliver(notification);
            });
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            // The transaction could not commit (the row is unchanged): count it as a failed attempt in a new
            // one, so a row that always breaks its transaction backs off and ends FAILED instead of spinning.
            String error = describe(e);
            QuarkusTransaction.requiringNew().run(() -> {
                Notification notification = Notification.findById(claimed.get(), LockModeType.PESSIMISTIC_WRITE);
                if (notification != null && notification.status == NotificationStatus.QUEUED) {
                    Instant now = Instant.now();
                    notification.attempts++;
                    notification.lastAttemptAt = now;
                    failed(notification, now, error);
                }
            });
            return Result.FAILED;
        }
    }

    /**
     * The oldest due notification on a channel that works now, locked; null if none. A notification waits while an
     * earlier one of its order on its channel is due (or being sent by another worker), so a shopper hears of "shipped"
     * before "out for delivery" however many workers send.
     */
    private Notification claimNextDue(Instant now) {
        List<String> available = senders.values().stream().filter(ChannelSender::available)
                .map(sender -> sender.channel().name()).toList();
        if (available.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Notification> due = Panache.getEntityManager().createNativeQuery("""
                SELECT * FROM notification n
                WHERE status = 'QUEUED' AND next_attempt_at <= :now AND channel IN (:channels)
                  AND NOT EXISTS (SELECT 1 FROM notification earlier
                                  WHERE earlier.order_id = n.order_id AND earlier.channel = n.channel
                                    AND earlier.status = 'QUEUED' AND earlier.next_attempt_at <= :now
                                    AND earlier.created_at < n.created_at)
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter("now", now)
                .setParameter("channels", available)
                .getResultList();
        return due.isEmpty() ? null : due.get(0);
    }

    /**
     * One attempt in a span of its own ({@code send email} or {@code send whatsapp}), in the trace of the event that
     * queued the message; the log lines of the attempt carry its {@code traceId} and {@code spanId}.
     */
    private Result deliver(Notification notification) {
        Span span = tracer.spanBuilder("send " + notification.channel.key()).setSpanKind(SpanKind.CLIENT)
                .setParent(TraceParents.parent(notification.traceParent))
                .setAttribute("notification.id", notification.id.toString())
                .setAttribute("notification.milestone", notification.milestone.key())
                .setAttribute("notification.attempt", notification.attempts + 1L).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            MDC.put("traceId", span.getSpanContext().getTraceId());
            MDC.put("spanId", span.getSpanContext().getSpanId());
            Result result = attempt(notification);
            span.setAttribute("notification.outcome", result.name());
            if (result == Result.FAILED || result == Result.GAVE_UP) {
                span.setStatus(StatusCode.ERROR, String.valueOf(notification.lastError));
            }
            return result;
        } finally {
            MDC.remove("traceId");
            MDC.remove("spanId");
            span.end();
        }
    }

    private Result attempt(Notification notification) {
        Instant started = Instant.now();
        notification.attempts++;
        notification.lastAttemptAt = started;
        try {
            ChannelSender sender = senders.get(notification.channel);
            if (sender == null) {
                throw new IllegalStateException("no sender for channel " + notification.channel);
            }
            ChannelSender.SentMessage sent = sender.send(notification);
            Instant finished = Instant.now();
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
        } catch (SuppressedException e) {
            Instant finished = Instant.now();
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
            notification.updatedAt = Instant.now();
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
