package dev.shipnotify.order.orders;

import dev.shipnotify.order.problem.Formats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shopper as captured at checkout: contact, language, time zone and per-channel consent. */
@Schema(name = "Customer")
public record CustomerDetails(
        @Schema(example = "Priya Sharma") @NotBlank @Size(max = 200) String name,
        @Schema(example = "priya.sharma@example.com") @NotBlank @Size(max = 254) String email,
        @Schema(example = "+919876543210", description = "E.164; required when consent.whatsapp is true")
        @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE) String phone,
        @Schema(example = "hi-IN", description = "BCP 47 language tag") @NotBlank @Size(max = 35) String locale,
        @Schema(example = "Asia/Kolkata", description = "IANA time zone id") @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Valid Consent consent) {

    /** What the shopper agreed to be told on, per channel. */
    @Schema(name = "Consent")
    public record Consent(@Schema(example = "true") @NotNull Boolean email,
            @Schema(example = "true") @NotNull Boolean whatsapp) {
    }
}
