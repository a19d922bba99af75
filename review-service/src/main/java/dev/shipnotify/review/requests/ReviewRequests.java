package dev.shipnotify.review.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.MongoOutbox;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.messaging.OutboxEvent;
import dev.shipnotify.contracts.ReviewThanked;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.review.ReviewConfig;
import dev.shipnotify.review.Store;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The schedule of review requests, one document per order in {@code review_requests}, from delivery to the request,
 * the reminder, and done. {@link Stage} says what comes next and {@code dueAt} when; {@code version} is what
 * {@link ReviewScheduler} compares and sets, so of two replicas that pick the same due document, one moves it on.
 */
@ApplicationScoped
@Startup
public class ReviewRequests {
    /** What a schedule waits for. */
    public enum Stage {
        REQUEST, REMINDER, DONE, SKIPPED
    }

    /** One document per delivered order ({@code _id}: the order id): its schedule, requests and waiting events. */
    public static final String COLLECTION = "review_requests";

    private final MongoCollection<Document> requests;
    private final ReviewConfig config;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ReviewRequests(Store store, ReviewConfig config, Outbox outbox, ObjectMapper json) {
        this.requests = store.collection(COLLECTION);
        this.config = config;
        this.outbox = outbox;
        this.json = json;
        requests.createIndex(Indexes.ascending("stage", "dueAt"));
        requests.createIndex(Indexes.ascending("merchantId", "requestedAt"));
    }

    /**
     * Schedules the request of each delivered order, once, in one bulk write: a second shipment of the order, or the
     * same event again, finds the schedule there and changes nothing ({@code $setOnInsert}).
     */
    public void delivered(List<ShipmentDelivered> deliveries) {
        List<UpdateOneModel<Document>> schedules = deliveries.stream().map(delivered -> {
            Instant due = delivered.deliveredAt().plus(config.requestDelay(delivered.merchantId()));
            return new UpdateOneModel<Document>(Filters.eq("_id", delivered.orderId()), Updates.combine(
                    Updates.setOnInsert("merchantId", delivered.merchantId()),
                    Updates.setOnInsert("deliveredAt", Date.from(delivered.deliveredAt())),
                    Updates.setOnInsert("stage", Stage.REQUEST.name()),
                    Updates.setOnInsert("dueAt", Date.from(due)),
                    Updates.setOnInsert("version", 0L)), new UpdateOptions().upsert(true));
        }).toList();
        if (!schedules.isEmpty()) {
            requests.bulkWrite(schedules, new BulkWriteOptions().ordered(true));
        }
    }

    /**
     * The shopper answered (a rating): the first answer is the order's response time, and no reminder follows. If
     * the merchant thanks reviewers, the same write holds the {@code review-thanked} event, so the thank-you goes
     * once, for the first answer only.
     */
    public void answered(String orderId, String merchantId, Instant at) {
        // The version moves, so a scheduler that read the schedule before this answer does not send its reminder.
        Bson responded = Updates.combine(Updates.set("respondedAt", Date.from(at)), Updates.inc("version", 1L));
        Optional<ReviewConfig.Merchant> merchant = config.merchant(merchantId).filter(ReviewConfig.Merchant::thankYou);
        if (merchant.isPresent()) {
            String thanksId = UUID.randomUUID().toString();
            ReviewThanked thanks = new ReviewThanked(ReviewThanked.SCHEMA_VERSION, thanksId, orderId, merchantId,
                    merchant.get().thankYouDiscount().orElse(null), at);
            OutboxEvent event = OutboxEvent.of(EventType.REVIEW_THANKED, thanksId, orderId, thanks, json, at);
            responded = Updates.combine(responded, MongoOutbox.add(List.of(event)));
        }
        if (requests.updateOne(Filters.and(Filters.eq("_id", orderId), Filters.eq("respondedAt", null)), responded)
                .getModifiedCount() == 1 && merchant.isPresent()) {
            outbox.written(List.of(orderId));
        }
    }

    public Document find(String orderId) {
        return requests.find(Filters.eq("_id", orderId)).first();
    }
}
