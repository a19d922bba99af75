package dev.shipnotify.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a shipment milestone's message tells the shopper beyond the order, as the tracking-service's event said
 * it: kept with the notification, so the message sent later says what was true when it was queued. Times and
 * dates are ISO-8601 text; {@code reason} is an {@code ExceptionReason} name or null.
 */
public record ShipmentNews(String carrier, String trackingNumber, String trackingUrl, String status, String reason,
        String courierMessage, String city, String time, String promisedDate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this, e);
        }
    }
}
