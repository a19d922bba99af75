package dev.shipnotify.order.orders;

import dev.shipnotify.order.Ids;
import dev.shipnotify.order.merchants.CurrentMerchant;
import dev.shipnotify.order.merchants.MerchantAuthenticated;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.RequestValidator;
import dev.shipnotify.problem.ResourceNotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
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
    private final OrderCancellation cancellation;
    private final OrderSearch search;
    private final RequestValidator requestValidator;

    public OrderResource(CurrentMerchant currentMerchant, OrderRequestValidator validator, OrderPlacement placement,
            OrderCancellation cancellation, OrderSearch search, RequestValidator requestValidator) {
        this.currentMerchant = currentMerchant;
        this.validator = validator;
        this.placement = placement;
        this.cancellation = cancellation;
        this.search = search;
        this.requestValidator = requestValidator;
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
    @Operation(summary = "List orders",
            description = "The merchant's orders, newest first, a page at a time. Pass the answer's nextCursor as "
                    + "cursor for the next page; it is null on the last page. Filters combine with AND.")
    @APIResponse(responseCode = "200", description = "One page of orders",
            content = @Content(schema = @Schema(implementation = OrderSearch.Page.class),
                    examples = @ExampleObject(name = "page", value = OrderExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor; errors name each parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = OrderExamples.INVALID_FILTER)))
    public OrderSearch.Page list(
            @Parameter(description = "Only orders in these statuses; repeat it or separate with commas",
                    example = "SHIPPED,OUT_FOR_DELIVERY") @QueryParam("status") List<String> status,
            @Parameter(description = "Only orders of this shopper (case-insensitive)",
                    example = "priya.sharma@example.com") @QueryParam("customerEmail") String customerEmail,
            @Parameter(description = "Only orders placed at or after this time (ISO-8601 with offset)",
                    example = "2025-03-01T00:00:00+05:30") @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Only orders placed before this time (ISO-8601 with offset)",
                    example = "2025-04-01T00:00:00+05:30") @QueryParam("createdTo") String createdTo,
            @Parameter(description = "Orders per page, 1 to 100; default 20", example = "20")
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return search.search(currentMerchant.get().id,
                OrderSearch.criteria(status, customerEmail, createdFrom, createdTo, limit, cursor));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel an order",
            description = "Cancels an order whose parcel has not reached the shopper yet and publishes "
                    + "order-cancelled: the shopper gets a cancellation notice and nothing more about the order, "
                    + "and is not asked for a review. Cancelling a cancelled order answers it again and publishes "
                    + "nothing. The body is optional.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CancelOrderRequest.class)))
    @APIResponse(responseCode = "200", description = "The cancelled order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "cancelled", value = OrderExamples.CANCELLED)))
    @APIResponse(responseCode = "400", description = "The reason is longer than 500 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such order for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already delivered or returned",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "delivered", value = OrderExamples.NOT_CANCELLABLE)))
    public OrderResponse cancel(@PathParam("id") String id, CancelOrderRequest request) {
        String reason = null;
        if (request != null) {
            requestValidator.check(request, "reason").throwIfAny();
            reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        }
        return cancellation.cancel(currentMerchant.get(), id, reason);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an order",
            description = "The order with its fulfilment status and the latest status of each shipment, as "
                    + "tracking-service reported them on shipment-updated and delivered.")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "order", value = OrderExamples.SHIPPED)))
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
