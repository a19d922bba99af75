package dev.shipnotify.review.reviews;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.shipnotify.review.Store;
import dev.shipnotify.review.orders.Order;
import dev.shipnotify.review.requests.ReviewRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Reviews ({@code reviews}, one document per order and item, {@code _id} = {@code <order id>/<sku>}). Rating again
 * changes the rating; the comment and the order's NPS answer are set on the same documents and on
 * {@code nps_answers}.
 */
@ApplicationScoped
@Startup
public class Reviews {
    static final String COLLECTION = "reviews";
    static final String NPS = "nps_answers";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> reviews;
    private final MongoCollection<Document> nps;
    private final ReviewRequests requests;
    private final Clock clock;
    private final MeterRegistry metrics;

    public Reviews(Store store, ReviewRequests requests, Clock clock, MeterRegistry metrics) {
        this.reviews = store.collection(COLLECTION);
        this.nps = store.collection(NPS);
        this.requests = requests;
        this.clock = clock;
        this.metrics = metrics;
        reviews.createIndex(Indexes.ascending("sku", "createdAt"));
        reviews.createIndex(Indexes.ascending("merchantId", "createdAt"));
        nps.createIndex(Indexes.ascending("merchantId", "at"));
    }

    /** Records (or changes) the rating of one item of the order. */
    public void rate(Order order, Order.Item item, int stars, String source) {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("stars must be 1 to 5");
        }
        Date now = Date.from(clock.instant());
        reviews.updateOne(Filters.eq("_id", id(order.orderId(), item.sku())), Updates.combine(
                Updates.set("rating", stars),
                Updates.set("updatedAt", now),
                Updates.set("source", source),
                Updates.setOnInsert("orderId", order.orderId()),
                Updates.setOnInsert("sku", item.sku()),
                Updates.setOnInsert("merchantId", order.merchantId()),
                Updates.setOnInsert("locale", order.locale()),
                Updates.setOnInsert("verifiedPurchase", true),
                Updates.setOnInsert("createdAt", now)), UPSERT);
        requests.answered(order.orderId(), order.merchantId(), now.toInstant());
        metrics.counter("reviews_recorded_total", "source", source).increment();
    }

    /** Sets (or, with null, removes) the comment of a rated item; nothing if it was not rated. */
    public void comment(String orderId, String sku, String comment) {
        reviews.updateOne(Filters.eq("_id", id(orderId, sku)), comment == null
                ? Updates.combine(Updates.unset("comment"), Updates.set("updatedAt", Date.from(clock.instant())))
                : Updates.combine(Updates.set("comment", comment), Updates.set("updatedAt", Date.from(clock.instant()))));
    }

    /** The order's answer to "how likely are you to recommend us" (0 to 10); answering again changes it. */
    public void recommend(Order order, int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be 0 to 10");
        }
        nps.updateOne(Filters.eq("_id", order.orderId()), Updates.combine(Updates.set("score", score),
                Updates.set("merchantId", order.merchantId()), Updates.set("at", Date.from(clock.instant()))),
                UPSERT);
    }

    public Optional<Review> find(String orderId, String sku) {
        return Optional.ofNullable(reviews.find(Filters.eq("_id", id(orderId, sku))).first()).map(Reviews::review);
    }

    public Optional<Integer> recommendation(String orderId) {
        return Optional.ofNullable(nps.find(Filters.eq("_id", orderId)).first()).map(d -> d.getInteger("score"));
    }

    static Review review(Document document) {
        return new Review(document.getString("orderId"), document.getString("sku"), document.getString("merchantId"),
                document.getInteger("rating"), document.getString("comment"), document.getString("locale"),
                document.getString("source"), document.getBoolean("verifiedPurchase", false),
                instant(document.getDate("createdAt")), instant(document.getDate("updatedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String id(String orderId, String sku) {
        return orderId + "/" + sku;
    }
}
