package dev.shipnotify.review.reviews;

import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.PageText;
import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ResourceNotFoundException;
import dev.shipnotify.review.ReviewConfig;
import dev.shipnotify.review.links.ReviewLinks;
import dev.shipnotify.review.orders.Order;
import dev.shipnotify.review.orders.Orders;
import dev.shipnotify.review.requests.OptOuts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where the links of review requests lead, rendered on the server for a phone without JavaScript. A star link
 * records the rating at once and shows the page to add a comment and answer the NPS question; the form posts back
 * with the same signed link. Every route checks the link first: a forged, tampered or expired link (or one issued
 * for another order or item) gets an error page and writes nothing. These routes answer HTML only, errors included;
 * the JSON APIs are {@link RatingsResource}'s.
 */
@Path("/r/{orderId}")
@Tag(name = "Review links")
public class ReviewPageResource {
    private final ReviewLinks links;
    private final Orders orders;
    private final Reviews reviews;
    private final OptOuts optOuts;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewPageResource(ReviewLinks links, Orders orders, Reviews reviews, OptOuts optOuts, ReviewConfig config,
            Clock clock) {
        this.links = links;
        this.orders = orders;
        this.reviews = reviews;
        this.optOuts = optOuts;
        this.config = config;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(ReviewPage page);

        /** A page that only says something: {@code title} and {@code body} are keys of the page's words. */
        static native TemplateInstance notice(PageText text, String id, String title, String body);
    }

    @GET
    @Path("/{sku}/{stars}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One click on a star", description = "Records the rating and shows the review page. "
            + "Needs the link's e (expiry) and s (signature).")
    public String star(@PathParam("orderId") String orderId, @PathParam("sku") String sku,
            @PathParam("stars") int stars, @QueryParam("e") long expires, @QueryParam("s") String signature) {
        links.check(orderId, sku, expires, signature);
        if (stars < 1 || stars > 5) {
            throw new InvalidRequestException("stars", "must be 1 to 5");
        }
        Order order = order(orderId);
        Order.Item item = item(order, sku);
        reviews.rate(order, item, stars, "EMAIL");
        return Templates.page(page(order, item, expires, signature, false)).render();
    }

    @POST
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The review page's form", description = "Changes the rating, the comment and the answer "
            + "to the NPS question (0 to 10) of a rated item. Needs the link's e and s.")
    public String review(@PathParam("orderId") String orderId, @PathParam("sku") String sku,
            @FormParam("e") long expires, @FormParam("s") String signature, @FormParam("stars") Integer stars,
            @FormParam("comment") String comment, @FormParam("nps") Integer nps) {
        links.check(orderId, sku, expires, signature);
        if (stars != null && (stars < 1 || stars > 5)) {
            throw new InvalidRequestException("stars", "must be 1 to 5");
        }
        if (nps != null && (nps < 0 || nps > 10)) {
            throw new InvalidRequestException("nps", "must be 0 to 10");
        }
        Order order = order(orderId);
        Order.Item item = item(order, sku);
        if (stars != null) {
            reviews.rate(order, item, stars, "EMAIL");
        } else if (reviews.find(orderId, sku).isEmpty()) {
            throw new InvalidRequestException("stars", "rate the item before commenting on it");
        }
        if (comment != null) {
            // An emptied comment field removes the comment; a form without the field leaves it as it was.
            reviews.comment(orderId, sku, Comments.clean(comment, config.commentMaxLength()));
        }
        if (nps != null) {
            reviews.recommend(order, nps);
        }
        return Templates.page(page(order, item, expires, signature, true)).render();
    }

    @POST
    @Path("/opt-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "No more review requests", description = "For the shopper of this order, from now on. "
            + "Needs the order link's e and s.")
    public String optOut(@PathParam("orderId") String orderId, @FormParam("e") long expires,
            @FormParam("s") String signature) {
        links.check(orderId, ReviewLinks.ORDER, expires, signature);
        Order order = order(orderId);
        optOuts.add(order.shopper(), clock.instant());
        return Templates.notice(ReviewPage.text(order), "opted-out", "optedout.title", "optedout.body").render();
    }

    /** A refused link or form is a page in the shopper's language that says what happened, with the status. */
    @ServerExceptionMapper
    public Response refused(ProblemException e, HttpHeaders headers) {
        PageText text = PageText.in(ReviewPage.WORDS, headers.getAcceptableLanguages().stream()
                .map(java.util.Locale::toLanguageTag).toArray(String[]::new));
        return Response.status(e.type().status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.notice(text, "refused", "refused.title", "refused." + e.type().slug()).render())
                .build();
    }

    private ReviewPage page(Order order, Order.Item item, long expires, String signature, boolean saved) {
        Instant expiresAt = Instant.ofEpochSecond(expires);
        Review review = reviews.find(order.orderId(), item.sku()).orElseThrow();
        return new ReviewPage(ReviewPage.text(order), item.name(), item.imageUrl(), review.rating(), review.comment(),
                reviews.recommendation(order.orderId()).orElse(null),
                ReviewLinks.itemPath(order.orderId(), item.sku()), expires, signature,
                IntStream.rangeClosed(1, 5).mapToObj(value -> new ReviewPage.Star(value,
                        links.starPath(order.orderId(), item.sku(), value, expiresAt), value == review.rating()))
                        .toList(),
                ReviewLinks.optOutPath(order.orderId()), links.signature(order.orderId(), ReviewLinks.ORDER, expiresAt),
                saved);
    }

    private Order order(String orderId) {
        return orders.find(orderId).filter(Order::known)
                .orElseThrow(() -> new ResourceNotFoundException("order", orderId));
    }

    private static Order.Item item(Order order, String sku) {
        return order.item(sku).orElseThrow(() -> new ResourceNotFoundException("item", sku));
    }
}
