package dev.shipnotify.review.reviews;

import java.time.Instant;

/**
 * A shopper's review of one item of one order. {@code verifiedPurchase}: it came through a link or button of a
 * review request, which only the buyer received. {@code source}: {@code EMAIL} (a star link) or {@code WHATSAPP} (a
 * quick-reply button).
 */
public record Review(String orderId, String sku, String merchantId, int rating, String comment, String locale,
        String source, boolean verifiedPurchase, Instant createdAt, Instant updatedAt) {
}
