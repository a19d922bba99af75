package dev.shipnotify.review.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.MongoOutbox;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.messaging.OutboxEvent;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.review.ReviewConfig;
import dev.shipnotify.review.Store;
import dev.shipnotify.review.links.ReviewLinks;
import dev.shipnotify.review.orders.Order;
import dev.shipnotify.review.orders.Orders;
import dev.shipnotify.review.requests.ReviewRequests.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Moves due schedules on: publishes the request (then schedules the one reminder), or the reminder (then done), or
 * skips an order that should not be asked about: cancelled, returned, already reviewed, a shopper who opted out or
 * gave no consent. Each move is one compare-and-set on the schedule's {@code version} that also writes the event
 * into the document for {@link Outbox}: any number of replicas may run this at once, and each request is
 * published once. No timers in memory: the schedule lives in MongoDB and survives restarts.
 */
@ApplicationScoped
public class ReviewScheduler {
    /** How long to wait for an order's {@code order-placed} when its delivery came first. */
    private static final Duration ORDER_WAIT = Duration.ofMinutes(1);

    private final MongoCollection<Document> schedules;
    private final Orders orders;
    private final OptOuts optOuts;
    private final ReviewLinks links;
    private final Outbox outbox;
    private final ReviewConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;

    public ReviewScheduler(Store store, Orders orders, OptOuts optOuts, ReviewLinks links, Outbox outbox,
            ReviewConfig config, ObjectMapper json, Clock clock, MeterRegistry metrics) {
        this.schedules = store.collection(ReviewRequests.COLLECTION);
        this.orders = orders;
        this.optOuts = optOuts;
        this.links = links;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(identity = "review-scheduler", every = "${review.scheduler.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        publishDue();
    }

    /** One round over what is due now, a batch at a time; answers how many requests and reminders it published. */
    public int publishDue() {
        List<String> published = new ArrayList<>();
        List<Document> due;
        do {
            Instant now = clock.instant();
            due = schedules.find(Filters.and(Filters.in("stage", Stage.REQUEST.name(), Stage.REMINDER.name()),
                    Filters.lte("dueAt", Date.from(now)))).limit(config.scheduler().batchSize()).into(new ArrayList<>());
            for (Document schedule : due) {
                if (move(schedule, now)) {
                    published.add(schedule.getString("_id"));
                }
            }
        } while (due.size() == config.scheduler().batchSize());
        outbox.written(published);
        return published.size();
    }

    /** True if this call published a request or reminder (not if another replica moved the schedule first). */
    private boolean move(Document schedule, Instant now) {
        String orderId = schedule.getString("_id");
        Stage stage = Stage.valueOf(schedule.getString("stage"));
        Optional<Order> order = orders.find(orderId).filter(Order::known);
        if (order.isEmpty()) {
            Instant deliveredAt = schedule.getDate("deliveredAt").toInstant();
            if (now.isAfter(deliveredAt.plus(config.linkValidity()))) {
                return skip(schedule, "order never arrived");
            }
            compareAndSet(schedule, Updates.set("dueAt", Date.from(now.plus(ORDER_WAIT))));
            return false;
        }
        String reason = reasonNotToAsk(order.get(), schedule);
        if (reason != null) {
            return stage == Stage.REMINDER && schedule.getDate("respondedAt") != null
                    ? done(schedule) : skip(schedule, reason);
        }
        boolean reminder = stage == Stage.REMINDER;
        String requestId = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(config.linkValidity());
        OutboxEvent event = event(requestId, order.get(), reminder, expiresAt, now);
        Bson next = reminder
                ? Updates.combine(Updates.set("stage", Stage.DONE.name()), Updates.unset("dueAt"))
                : Updates.combine(Updates.set("stage", Stage.REMINDER.name()),
                        Updates.set("dueAt", Date.from(now.plus(config.reminderDelay(order.get().merchantId())))),
                        Updates.set("requestedAt", Date.from(now)));
        boolean moved = compareAndSet(schedule, Updates.combine(next,
                Updates.push("requests", new Document("requestId", requestId).append("reminder", reminder)
                        .append("sentAt", Date.from(now)).append("expiresAt", Date.from(expiresAt))),
                MongoOutbox.add(List.of(event))));
        if (moved) {
            metrics.counter("review_requests_published_total", "kind", reminder ? "reminder" : "request").increment();
            Log.infof("Review %s for order %s scheduled for publishing", reminder ? "reminder" : "request", orderId);
        }
        return moved;
    }

    private String reasonNotToAsk(Order order, Document schedule) {
        if (order.cancelled()) {
            return "order cancelled";
        }
        if (order.returned()) {
            return "order returned";
        }
        if (schedule.getDate("respondedAt") != null) {
            return "already reviewed";
        }
        if (order.items().isEmpty()) {
            return "no items to review";
        }
        if (!order.mayContact()) {
            return "no consent to contact the shopper";
        }
        if (optOuts.contains(order.shopper())) {
            return "shopper opted out of review requests";
        }
        return null;
    }

    private boolean skip(Document schedule, String reason) {
        boolean moved = compareAndSet(schedule, Updates.combine(Updates.set("stage", Stage.SKIPPED.name()),
                Updates.unset("dueAt"), Updates.set("skipReason", reason)));
        if (moved) {
            metrics.counter("review_requests_skipped_total", "reason", reason).increment();
            Log.infof("No review request for order %s: %s", schedule.getString("_id"), reason);
        }
        return false;
    }

    private boolean done(Document schedule) {
        compareAndSet(schedule, Updates.combine(Updates.set("stage", Stage.DONE.name()), Updates.unset("dueAt")));
        return false;
    }

    /** Applies the update only if nobody moved the schedule since it was read. */
    private boolean compareAndSet(Document schedule, Bson update) {
        long version = schedule.get("version", Number.class).longValue();
        return schedules.updateOne(new Document("_id", schedule.get("_id")).append("version", version),
                Updates.combine(update, Updates.set("version", version + 1))).getModifiedCount() == 1;
    }

    private OutboxEvent event(String requestId, Order order, boolean reminder, Instant expiresAt, Instant now) {
        ReviewRequested request = new ReviewRequested(ReviewRequested.SCHEMA_VERSION, requestId, order.orderId(),
                order.merchantId(), reminder, expiresAt, order.items().stream()
                        .map(item -> new ReviewRequested.Item(item.sku(), item.name(), item.imageUrl(),
                                IntStream.rangeClosed(1, 5).mapToObj(stars -> new ReviewRequested.StarLink(stars,
                                        links.starUrl(order.orderId(), item.sku(), stars, expiresAt))).toList()))
                        .toList());
        return OutboxEvent.of(EventType.REVIEW_REQUESTED, requestId, order.orderId(), request, json, now);
    }
}
