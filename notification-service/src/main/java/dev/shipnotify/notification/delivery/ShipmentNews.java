package dev.shipnotify.notification.delivery;


/**
 * What a shipment milestone's message tells the shopper beyond the order, as the tracking-service's event said
 * it: kept with the notification, so the message sent later says what was true when it was queued. Times and
 * dates are ISO-8601 text; {@code reason} is an {@code ExceptionReason} name or null.
 */
public record ShipmentNews(String carrier, String trackingNumber, String trackingUrl, String status, String reason,
        String courierMessage, String city, String time, String promisedDate) {
}
