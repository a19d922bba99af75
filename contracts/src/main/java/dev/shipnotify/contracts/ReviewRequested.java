package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The review-service asks the shopper for a review of an order's items; the notification-service delivers it.
 * Each item carries one signed, expiring link per star.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewRequested(int schemaVersion, String requestId, String orderId, String merchantId,
        boolean reminder, Instant expiresAt, List<Item> items) {

    public static final int SCHEMA_VERSION = 1;

    public ReviewRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        items = List.copyOf(items);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String sku, String name, String imageUrl, List<StarLink> stars) {
        public Item {
            stars = List.copyOf(stars);
        }
    }

    /** A one-click link that records {@code stars} (1 to 5) for the item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StarLink(int stars, String url) {
    }
}
