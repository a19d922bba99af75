package dev.shipnotify.notification.delivery;

import java.util.List;

/**
 * What a review request's message offers, as the review-service's event said it: each item with one signed link
 * per star, valid until {@code expiresAt} (ISO-8601); for a thank-you after a review, no items and the merchant's
 * {@code discountCode} for the next order (or null). Kept with the notification like {@link ShipmentNews}.
 */
public record ReviewAsk(String requestId, String expiresAt, List<Item> items, String discountCode) {

    public record Item(String name, String imageUrl, List<Star> stars) {
    }

    public record Star(int stars, String url) {
    }
}
