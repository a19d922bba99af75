package dev.shipnotify.notification.history;

import dev.shipnotify.problem.CurrentMerchant;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.MerchantAuthenticated;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/notifications?orderId=…}: every message of one of the calling merchant's orders, with channel,
 * template, status history and provider ids. Another merchant's order is answered like an unknown one.
 */
@Path("/api/notifications")
@MerchantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No, an unknown or a revoked merchant API key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class NotificationLogResource {

    private final CurrentMerchant merchant;
    private final NotificationHistory history;

    public NotificationLogResource(CurrentMerchant merchant, NotificationHistory history) {
        this.merchant = merchant;
        this.history = history;
    }

    /** The answer: the order and its messages, oldest first. */
    public record OrderNotifications(String orderId, List<NotificationHistory.Message> notifications) {
    }

    @GET
    @Operation(summary = "The messages sent, or not sent, about one of your orders, with their history")
    @APIResponse(responseCode = "400", description = "No orderId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "None of your orders has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderNotifications list(@QueryParam("orderId") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidRequestException("orderId", "is required");
        }
        List<NotificationHistory.Message> messages = history.of(merchant.id(), orderId.strip())
                .orElseThrow(() -> new ResourceNotFoundException("order", orderId));
        return new OrderNotifications(orderId.strip(), messages);
    }
}
