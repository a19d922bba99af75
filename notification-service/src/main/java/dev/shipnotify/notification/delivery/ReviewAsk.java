package dev.shipnotify.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What a review request's message offers, as the review-service's event said it: each item with one signed link
 * per star, valid until {@code expiresAt} (ISO-8601). Kept with the notification like {@link ShipmentNews}.
 */
public record ReviewAsk(String requestId, String expiresAt, List<Item> items) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Item(String name, String imageUrl, List<Star> stars) {
    }

    public record Star(int stars, String url) {
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this, e);
        }
    }
}
