package dev.shipnotify.order.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the parcel goes. */
@Schema(name = "ShippingAddress")
public record AddressDetails(
        @Schema(example = "14, 5th Cross, Koramangala 4th Block") @NotBlank @Size(max = 200) String line1,
        @Schema(example = "Near Forum Mall") @Size(max = 200) String line2,
        @Schema(example = "Bengaluru") @NotBlank @Size(max = 100) String city,
        @Schema(example = "560034") @NotBlank @Size(max = 20) String postcode,
        @Schema(example = "IN", description = "ISO 3166-1 alpha-2") @NotBlank
        @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 country code such as IN") String country) {
}
