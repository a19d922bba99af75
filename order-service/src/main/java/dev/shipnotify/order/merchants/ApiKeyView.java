package dev.shipnotify.order.merchants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One API key of a merchant as the admin API shows it: never the key, except once in the answer that issued it. */
@Schema(name = "ApiKey")
public record ApiKeyView(UUID id,
        @Schema(description = "The key's first characters, to tell keys apart", example = "snk_3q2F0Z") String prefix,
        Instant createdAt,
        @Schema(description = "When it was revoked; null while it is valid") Instant revokedAt,
        @Schema(description = "The key itself; only in the answer that issued it, stored hashed",
                example = "snk_3q2F0Zk9...") @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    static ApiKeyView of(MerchantApiKey key, String apiKey) {
        return new ApiKeyView(key.id, key.keyPrefix, key.createdAt, key.revokedAt, apiKey);
    }
}
