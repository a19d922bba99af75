package dev.shipnotify.tracking.shipment;

import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.RequestValidator;
import dev.shipnotify.problem.ResourceNotFoundException;
import dev.shipnotify.problem.CurrentMerchant;
import dev.shipnotify.problem.MerchantAuthenticated;
import dev.shipnotify.tracking.order.OrderSnapshot;
import dev.shipnotify.tracking.order.OrderSnapshots;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The merchant's shipments: register a parcel for an order, read it with its checkpoints. Authenticated by the
 * merchant key order-service issued; a merchant sees only its own shipments (another's answers 404).
 */
@Path("/api/shipments")
@MerchantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
@SecurityRequirement(name = "merchantKey")
@APIResponse(responseCode = "401", description = "Missing or unknown API key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ShipmentResource {
    private final CurrentMerchant merchant;
    private final RequestValidator validator;
    private final OrderSnapshots orders;
    private final ShipmentTracking tracking;
    private final Shipments shipments;
    private final ShipmentEvents events;

    public ShipmentResource(CurrentMerchant merchant, RequestValidator validator, OrderSnapshots orders,
            ShipmentTracking tracking, Shipments shipments, ShipmentEvents events) {
        this.merchant = merchant;
        this.validator = validator;
        this.orders = orders;
        this.tracking = tracking;
        this.shipments = shipments;
        this.events = events;
    }

    @POST
    @Operation(summary = "Register a shipment",
            description = "Registers a parcel (carrier + tracking number) for one of the merchant's orders and "
                    + "applies whatever the courier already reported for it. Registering the same parcel for the "
                    + "same order again answers the shipment again with 200.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the shipment",
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(responseCode = "200", description = "Registered before, for this order",
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors name each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such order for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The parcel is registered for another order, or the order "
            + "has not reached tracking-service yet (retry in a few seconds)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(RegisterShipmentRequest request, UriInfo uriInfo) {
        FieldErrors errors = validator.check(request, "orderId, carrier and trackingNumber");
        errors.throwIfAny();
        String merchantId = merchant.id();
        OrderSnapshot order = orders.find(request.orderId())
                .orElseThrow(() -> new OrderNotKnownYetException(request.orderId()));
        if (!order.merchantId().equals(merchantId)) {
            throw new ResourceNotFoundException("order", request.orderId());
        }
        ShipmentTracking.Registration registration = tracking.register(merchantId, request.orderId(),
                request.carrier(), request.trackingNumber(), request.promisedDate())
                .orElseThrow(() -> new ShipmentRegisteredElsewhereException(request.carrier(),
                        request.trackingNumber()));
        Shipment shipment = registration.shipment();
        ShipmentView view = ShipmentView.of(shipment, events.trackingUrl(shipment));
        return registration.created()
                ? Response.created(uriInfo.getBaseUriBuilder().path(ShipmentResource.class).path(shipment.id()).build())
                        .entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a shipment", description = "The shipment with its status and every checkpoint.")
    @APIResponse(responseCode = "200", description = "The shipment",
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(responseCode = "404", description = "No such shipment for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentView get(@PathParam("id") String id) {
        return shipments.find(id).filter(s -> s.merchantId().equals(merchant.id()))
                .map(s -> ShipmentView.of(s, events.trackingUrl(s)))
                .orElseThrow(() -> new ResourceNotFoundException("shipment", id));
    }

    @GET
    @Operation(summary = "Find a shipment by carrier and tracking number",
            description = "The carrier matches case-insensitively.")
    @APIResponse(responseCode = "200", description = "The shipment",
            content = @Content(schema = @Schema(implementation = ShipmentView.class)))
    @APIResponse(responseCode = "400", description = "carrier or trackingNumber missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such shipment for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentView find(@QueryParam("carrier") String carrier, @QueryParam("trackingNumber") String trackingNumber) {
        FieldErrors errors = new FieldErrors();
        if (carrier == null || carrier.isBlank()) {
            errors.add("carrier", "is required");
        }
        if (trackingNumber == null || trackingNumber.isBlank()) {
            errors.add("trackingNumber", "is required");
        }
        errors.throwIfAny();
        return shipments.find(carrier, trackingNumber).filter(s -> s.merchantId().equals(merchant.id()))
                .map(s -> ShipmentView.of(s, events.trackingUrl(s)))
                .orElseThrow(() -> new ResourceNotFoundException("shipment", carrier + " " + trackingNumber));
    }
}
