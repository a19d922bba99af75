package dev.shipnotify.order.merchants;

import dev.shipnotify.order.problem.Formats;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the operator sends to create a merchant or replace its details. Only {@code name} and {@code senderEmail} are required. */
@Schema(name = "MerchantRequest")
public record MerchantRequest(
        @Schema(example = "Kesari Handloom") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Kesari Handloom Orders") @Size(max = 200) String senderName,
        @Schema(example = "orders@kesarihandloom.example") @NotBlank @Size(max = 254) String senderEmail,
        @Schema(example = "help@kesarihandloom.example") @Size(max = 254) String supportEmail,
        @Schema(example = "+918045671234") @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE) String supportPhone,
        @Schema(example = "https://cdn.kesarihandloom.example/brand/logo-240.png") @Size(max = 2048) String logoUrl,
        @Schema(example = "#C2410C") @Pattern(regexp = "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$",
                message = "must be a CSS hex colour such as #C2410C") String brandColor,
        @Schema(example = "en-IN", description = "BCP 47 tag; en when absent") @Size(max = 35) String defaultLocale,
        @Schema(example = "106540352242922") @Pattern(regexp = "^[0-9]{1,64}$",
                message = "must be the numeric WhatsApp Cloud API phone-number id") String whatsappPhoneNumberId) {
}
