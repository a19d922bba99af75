package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * A merchant cancelled an order before delivery. From then on the shopper hears nothing more about it except the
 * cancellation itself, and is not asked for a review. It travels on its own topic, so a consumer may see it before
 * the order's {@link OrderPlaced}; it then keeps the cancellation and applies it when the order arrives.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancelled(int schemaVersion, String orderId, String merchantId, Instant cancelledAt,
        String reason) {

    public static final int SCHEMA_VERSION = 1;

    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
