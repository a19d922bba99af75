package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * The shopper reviewed the order (their first rating), and the merchant thanks them, with a code for a discount on
 * their next order if the merchant offers one. Published by review-service; notification-service delivers it.
 *
 * @param thanksId     the event id, also the {@code ce_id}
 * @param discountCode the merchant's next-order discount code; null if it offers none
 * @param reviewedAt   when the first rating was given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewThanked(int schemaVersion, String thanksId, String orderId, String merchantId, String discountCode,
        Instant reviewedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ReviewThanked {
        Objects.requireNonNull(thanksId, "thanksId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
    }
}
