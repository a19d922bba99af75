package dev.shipnotify.order.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line item. */
@Schema(name = "Item")
public record ItemDetails(
        @Schema(example = "KH-SAR-BAN-0042") @NotBlank @Size(max = 64) String sku,
        @Schema(example = "Banarasi silk saree, maroon") @NotBlank @Size(max = 200) String name,
        @Schema(example = "1", minimum = "1") @NotNull @Min(1) Integer quantity,
        @NotNull @Valid Price unitPrice,
        @Schema(example = "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg") @Size(max = 2048) String imageUrl) {
}
