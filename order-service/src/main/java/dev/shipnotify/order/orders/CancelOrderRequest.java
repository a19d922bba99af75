package dev.shipnotify.order.orders;

import dev.shipnotify.problem.MultiLine;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of {@code POST /api/orders/{id}/cancel}. */
public record CancelOrderRequest(
        @Schema(description = "Why, in words the shopper may read in the cancellation notice",
                example = "The maroon saree is out of stock; your payment will be refunded within 5 working days.")
        @MultiLine @Size(max = 500) String reason) {
}
