package dev.shipnotify.order.merchants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A merchant as the admin API shows it. {@code apiKey} appears once, in the answer that created the merchant. */
@Schema(name = "Merchant")
public record MerchantView(UUID id, String name, String senderName, String senderEmail, String supportEmail,
        String supportPhone, String logoUrl, String brandColor, String defaultLocale, String whatsappPhoneNumberId,
        Instant createdAt,
        @Schema(description = "The merchant's API key; shown only when the merchant is created, stored hashed",
                example = "snk_3q2F0Zk9...") @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    static MerchantView of(Merchant m, String apiKey) {
        return new MerchantView(m.id, m.name, m.senderName, m.senderEmail, m.supportEmail, m.supportPhone, m.logoUrl,
                m.brandColor, m.defaultLocale, m.whatsappPhoneNumberId, m.createdAt, apiKey);
    }
}
