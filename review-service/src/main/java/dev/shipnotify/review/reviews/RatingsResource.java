package dev.shipnotify.review.reviews;

import dev.shipnotify.problem.CurrentMerchant;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.MerchantAuthenticated;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reviews and ratings: a product's reviews, public as a shop shows them, and a merchant's figures over a period, for
 * that merchant only (its API key).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ratings")
public class RatingsResource {
    private static final int MAX_PAGE_SIZE = 100;

    private final Ratings ratings;
    private final CurrentMerchant caller;

    public RatingsResource(Ratings ratings, CurrentMerchant caller) {
        this.ratings = ratings;
        this.caller = caller;
    }

    /** A product's page of reviews with its rating summary; no shopper's order or contact is in it. */
    public record ProductReviews(String sku, long count, Double average, java.util.Map<String, Long> distribution,
            String sort, int page, int size, List<PublicReview> reviews) {
    }

    public record PublicReview(int rating, String comment, String locale, boolean verifiedPurchase, Instant createdAt,
            Instant updatedAt) {
        static PublicReview of(Review review) {
            return new PublicReview(review.rating(), review.comment(), review.locale(), review.verifiedPurchase(),
                    review.createdAt(), review.updatedAt());
        }
    }

    @GET
    @Path("/products/{sku}/reviews")
    @Operation(summary = "A product's reviews", description = "Average, distribution and one page of reviews, "
            + "newest first (sort=newest) or lowest rating first (sort=lowest).")
    @APIResponse(responseCode = "200", description = "The reviews")
    @APIResponse(responseCode = "400", description = "A parameter out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProductReviews product(@PathParam("sku") String sku, @QueryParam("sort") @DefaultValue("newest") String sort,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        if (!sort.equals("newest") && !sort.equals("lowest")) {
            throw new InvalidRequestException("sort", "must be newest or lowest");
        }
        if (page < 0 || page > 10_000) {
            throw new InvalidRequestException("page", "must be 0 to 10000");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
        Ratings.Summary summary = ratings.product(sku);
        return new ProductReviews(sku, summary.count(), summary.average(), summary.distribution(), sort, page, size,
                ratings.page(sku, sort.equals("lowest"), page, size).stream().map(PublicReview::of).toList());
    }

    @GET
    @Path("/merchants/{merchantId}/ratings")
    @MerchantAuthenticated
    @Operation(summary = "A merchant's ratings", description = "Average and distribution of the ratings, per "
            + "product, the NPS and the request-to-review conversion, each over [from, to) (ISO-8601 instants; "
            + "default: all time). Needs the merchant's API key (Authorization: Bearer).")
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "401", description = "No valid merchant API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Another merchant's id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "from or to not an instant, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Ratings.MerchantRatings merchant(@PathParam("merchantId") String merchantId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        if (!caller.id().equals(merchantId)) {
            throw new ResourceNotFoundException("merchant", merchantId);
        }
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, Instant.parse("9999-12-31T00:00:00Z"));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        return ratings.merchant(merchantId, start, end);
    }

    private static Instant instant(String field, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}
