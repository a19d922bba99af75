package dev.shipnotify.review.reviews;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.shipnotify.review.Store;
import dev.shipnotify.review.requests.ReviewRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What shoppers think, summed up by MongoDB: every figure here is an aggregation ({@code $match}, {@code $group})
 * or a count, never a walk over the reviews in memory; only a page of reviews is ever read.
 */
@ApplicationScoped
public class Ratings {
    private static final int TOP_PRODUCTS = 100;

    private final MongoCollection<Document> reviews;
    private final MongoCollection<Document> nps;
    private final MongoCollection<Document> requests;

    public Ratings(Store store) {
        this.reviews = store.collection(Reviews.COLLECTION);
        this.nps = store.collection(Reviews.NPS);
        this.requests = store.collection(ReviewRequests.COLLECTION);
    }

    /** How many reviews gave 1 to 5 stars, their count and average. */
    public record Summary(long count, Double average, Map<String, Long> distribution) {
        static Summary of(List<Document> byRating) {
            Map<String, Long> distribution = new LinkedHashMap<>();
            for (int stars = 1; stars <= 5; stars++) {
                distribution.put(String.valueOf(stars), 0L);
            }
            long count = 0;
            long sum = 0;
            for (Document group : byRating) {
                int stars = group.get("_id", Number.class).intValue();
                long n = group.get("count", Number.class).longValue();
                distribution.put(String.valueOf(stars), n);
                count += n;
                sum += stars * n;
            }
            return new Summary(count, count == 0 ? null : Math.round(sum * 100.0 / count) / 100.0, distribution);
        }
    }

    public record ProductRating(String sku, long count, double average) {
    }

    /**
     * Net Promoter Score: the share of promoters (9, 10) minus the share of detractors (0 to 6), in percent, over
     * the answers; null with no answers.
     */
    public record Nps(Integer score, long promoters, long passives, long detractors, long answers) {
    }

    /** Orders asked for a review, how many of them answered with a rating, and the ratio. */
    public record Conversion(long requested, long reviewed, Double rate) {
    }

    public record MerchantRatings(String merchantId, Instant from, Instant to, long count, Double average,
            Map<String, Long> distribution, List<ProductRating> products, Nps nps, Conversion conversion) {
    }

    public Summary product(String sku) {
        return Summary.of(byRating(Filters.eq("sku", sku)));
    }

    /** One page of a product's reviews, newest first or lowest rating first (then newest). */
    public List<Review> page(String sku, boolean lowestFirst, int page, int size) {
        Bson order = lowestFirst
                ? Sorts.orderBy(Sorts.ascending("rating"), Sorts.descending("createdAt"), Sorts.ascending("_id"))
                : Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id"));
        return reviews.find(Filters.eq("sku", sku)).sort(order).skip(page * size).limit(size)
                .map(Reviews::review).into(new ArrayList<>());
    }

    /** Ratings, NPS and conversion of one merchant, each over what happened in {@code [from, to)}. */
    public MerchantRatings merchant(String merchantId, Instant from, Instant to) {
        Bson inPeriod = Filters.and(Filters.eq("merchantId", merchantId), Filters.gte("createdAt", Date.from(from)),
                Filters.lt("createdAt", Date.from(to)));
        Summary summary = Summary.of(byRating(inPeriod));
        List<ProductRating> products = reviews.aggregate(List.of(Aggregates.match(inPeriod),
                Aggregates.group("$sku", Accumulators.sum("count", 1), Accumulators.avg("average", "$rating")),
                Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending("_id"))),
                Aggregates.limit(TOP_PRODUCTS)))
                .map(group -> new ProductRating(group.getString("_id"), group.get("count", Number.class).longValue(),
                        Math.round(group.get("average", Number.class).doubleValue() * 100.0) / 100.0))
                .into(new ArrayList<>());
        return new MerchantRatings(merchantId, from, to, summary.count(), summary.average(), summary.distribution(),
                products, nps(merchantId, from, to), conversion(merchantId, from, to));
    }

    private List<Document> byRating(Bson filter) {
        return reviews.aggregate(List.of(Aggregates.match(filter),
                Aggregates.group("$rating", Accumulators.sum("count", 1)))).into(new ArrayList<>());
    }

    private Nps nps(String merchantId, Instant from, Instant to) {
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (Document group : nps.aggregate(List.of(Aggregates.match(Filters.and(Filters.eq("merchantId", merchantId),
                Filters.gte("at", Date.from(from)), Filters.lt("at", Date.from(to)))),
                Aggregates.group("$score", Accumulators.sum("count", 1))))) {
            int score = group.get("_id", Number.class).intValue();
            long n = group.get("count", Number.class).longValue();
            if (score >= 9) {
                promoters += n;
            } else if (score >= 7) {
                passives += n;
            } else {
                detractors += n;
            }
        }
        long answers = promoters + passives + detractors;
        Integer score = answers == 0 ? null : (int) Math.round((promoters - detractors) * 100.0 / answers);
        return new Nps(score, promoters, passives, detractors, answers);
    }

    private Conversion conversion(String merchantId, Instant from, Instant to) {
        Bson asked = Filters.and(Filters.eq("merchantId", merchantId), Filters.gte("requestedAt", Date.from(from)),
                Filters.lt("requestedAt", Date.from(to)));
        long requested = requests.countDocuments(asked);
        long reviewed = requests.countDocuments(Filters.and(asked, Filters.ne("respondedAt", null)));
        return new Conversion(requested, reviewed,
                requested == 0 ? null : Math.round(reviewed * 10_000.0 / requested) / 10_000.0);
    }
}
