package dev.shipnotify.order.orders;

import dev.shipnotify.order.Ids;
import dev.shipnotify.order.merchants.CurrentMerchant;
import dev.shipnotify.order.merchants.MerchantAuthenticated;
import dev.shipnotify.order.problem.InvalidRequestException;
import dev.shipnotify.order.problem.Problem;
import dev.shipnotify.order.problem.ResourceNotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merchant's order API. Every call carries the merchant's key; a merchant sees only its own orders. */
@Path("/api/orders")
@MerchantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
@SecurityRequirement(name = "merchantKey")
@APIResponse(responseCode = "401", description = "Missing or unknown API key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrderResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY_FORMAT = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final CurrentMerchant currentMerchant;
    private final OrderRequestValidator validator;
    private final OrderPlacement placement;

    public OrderResource(CurrentMerchant currentMerchant, OrderRequestValidator validator, OrderPlacement placement) {
        this.currentMerchant = currentMerchant;
        this.validator = validator;
        this.placement = placement;
    }

    @POST
    @Operation(summary = "Place an order",
            description = "Stores the order and publishes order-placed. Send an Idempotency-Key to retry safely: the "
                    + "same key with the same body answers the first response again; with another body, 422.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PlaceOrderRequest.class),
            examples = @ExampleObject(name = "order", value = OrderExamples.REQUEST)))
    @APIResponse(responseCode = "201", description = "Placed; Location names the order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "placed", value = OrderExamples.RESPONSE)))
    @APIResponse(responseCode = "400", description = "Invalid order; errors name each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = OrderExamples.INVALID)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(
            @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = "Up to 255 visible ASCII "
                    + "characters, unique per order attempt, e.g. a UUID") @HeaderParam(IDEMPOTENCY_KEY) String key,
            PlaceOrderRequest request, UriInfo uriInfo) {
        Optional<String> idempotencyKey = idempotencyKey(key);
        PlaceOrderRequest canonical = validator.validate(request);
        OrderPlacement.Outcome outcome = placement.place(currentMerchant.get(), idempotencyKey, canonical);
        Response.ResponseBuilder response = Response.status(outcome.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(outcome.body());
        if (outcome.status() == OrderPlacement.CREATED) {
            response.location(uriInfo.getBaseUriBuilder().path(OrderResource.class)
                    .path(outcome.orderId().toString()).build());
        }
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an order")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "order", value = OrderExamples.RESPONSE)))
    @APIResponse(responseCode = "404", description = "No such order for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderResponse get(@PathParam("id") String id) {
        return Ids.parse(id)
                .flatMap(uuid -> Order.findForMerchant(uuid, currentMerchant.get().id))
                .map(OrderResponse::of)
                .orElseThrow(() -> new ResourceNotFoundException("order", id));
    }

    private static Optional<String> idempotencyKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        return Optional.of(key);
    }
}
