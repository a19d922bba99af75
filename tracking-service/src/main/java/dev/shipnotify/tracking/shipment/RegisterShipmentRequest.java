package dev.shipnotify.tracking.shipment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/shipments}. */
@Schema(name = "RegisterShipment")
public record RegisterShipmentRequest(
        @Schema(example = "7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90") @NotBlank @Size(max = 64) String orderId,
        @Schema(example = "Delhivery", description = "Matched case-insensitively") @NotBlank @Size(max = 64)
        String carrier,
        @Schema(example = "1492837465012") @NotBlank @Size(max = 64)
        @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 ._/-]*$", message = "must be letters, digits, spaces and . _ / -")
        String trackingNumber,
        @Schema(example = "2025-03-18", description = "The delivery date promised to the shopper, if any")
        LocalDate promisedDate) {
}
