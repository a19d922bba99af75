package dev.shipnotify.tracking.page;

import dev.shipnotify.problem.PageText;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import dev.shipnotify.tracking.order.OrderSnapshot;
import dev.shipnotify.tracking.order.OrderSnapshots;
import dev.shipnotify.tracking.shipment.Shipment;
import dev.shipnotify.tracking.shipment.Shipments;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The shopper's tracking page, branded as the merchant, in the shopper's language, readable on a phone without
 * JavaScript; and its JSON twin for apps. A parcel shows only with the unguessable token from its tracking link
 * ({@code ?t=}) or the delivery postcode of its order ({@code ?postcode=}); anything else gets the postcode form,
 * the same whether the parcel exists or not.
 */
@Path("/track/{carrier}/{trackingNumber}")
@Tag(name = "Tracking page")
public class TrackingPageResource {
    private final Shipments shipments;
    private final OrderSnapshots orders;

    public TrackingPageResource(Shipments shipments, OrderSnapshots orders) {
        this.shipments = shipments;
        this.orders = orders;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(TrackingPage page);

        static native TemplateInstance ask(String carrier, String trackingNumber, boolean notFound, PageText text);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The tracking page", description = "Needs ?t=<token from the tracking link> or "
            + "?postcode=<delivery postcode>; without either it asks for the postcode.")
    @APIResponse(responseCode = "200", description = "The page, or the postcode form")
    @APIResponse(responseCode = "404", description = "The postcode form again: no parcel with this number and "
            + "token or postcode")
    public Response page(@PathParam("carrier") String carrier, @PathParam("trackingNumber") String trackingNumber,
            @QueryParam("t") String token, @QueryParam("postcode") String postcode) {
        Optional<TrackingPage> page = find(carrier, trackingNumber, token, postcode);
        if (page.isPresent()) {
            return Response.ok(Templates.page(page.get()).render()).build();
        }
        boolean asked = given(token) || given(postcode);
        return Response.status(asked ? Response.Status.NOT_FOUND : Response.Status.OK)
                .entity(Templates.ask(carrier, trackingNumber, asked, PageText.in(TrackingPage.WORDS)).render()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tracking page as JSON", description = "The same data and the same access rule.")
    @APIResponse(responseCode = "200", description = "The parcel",
            content = @Content(schema = @Schema(implementation = TrackingPage.class)))
    @APIResponse(responseCode = "404", description = "No parcel with this number and token or postcode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrackingPage json(@PathParam("carrier") String carrier, @PathParam("trackingNumber") String trackingNumber,
            @QueryParam("t") String token, @QueryParam("postcode") String postcode) {
        return find(carrier, trackingNumber, token, postcode)
                .orElseThrow(() -> new ResourceNotFoundException("parcel", carrier + " " + trackingNumber));
    }

    private Optional<TrackingPage> find(String carrier, String trackingNumber, String token, String postcode) {
        if (!given(token) && !given(postcode)) {
            return Optional.empty();
        }
        return shipments.find(carrier, trackingNumber).flatMap(shipment -> orders.find(shipment.orderId())
                .filter(order -> opens(shipment, order, token, postcode))
                .map(order -> TrackingPage.of(shipment, order)));
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }

    /** The token compared in constant time; the postcode without spaces and case. */
    private static boolean opens(Shipment shipment, OrderSnapshot order, String token, String postcode) {
        if (given(token) && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                shipment.pageToken().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return given(postcode) && order.shipping() != null && order.shipping().postcode() != null
                && normalised(postcode).equals(normalised(order.shipping().postcode()));
    }

    private static String normalised(String postcode) {
        return postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
