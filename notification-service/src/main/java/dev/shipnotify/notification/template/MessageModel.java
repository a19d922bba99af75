package dev.shipnotify.notification.template;

import java.util.List;

/**
 * What a message template may show, already formatted for the message's language (money, dates). Templates
 * declare it as {@code {@dev.shipnotify.notification.template.MessageModel m}}, so Qute checks every
 * expression at build time.
 */
public record MessageModel(Merchant merchant, Shopper shopper, Order order, Shipment shipment, Review review) {

    /** The shop's branding; {@code brandColor} is a safe CSS hex colour, {@code logoUrl} an https URL or null. */
    public record Merchant(String name, String brandColor, String logoUrl, String supportEmail, String supportPhone) {
    }

    public record Shopper(String name, String firstName) {
    }

    /** {@code number} is the short form shoppers see in subjects and that support can search for. */
    public record Order(String id, String number, String placedAt, List<Line> lines, int itemCount, String total) {
    }

    public record Line(String name, int quantity, String unitPrice, String lineTotal, String imageUrl) {
    }

    /**
     * The parcel a shipment milestone is about; null in order milestones. {@code trackingUrl} is an http(s) URL
     * or null; {@code reason} an {@code ExceptionReason} name or null; {@code time} (the scan's, in the shopper's
     * time zone) and {@code promisedDate} are formatted for the message's language, or null.
     */
    public record Shipment(String carrier, String trackingNumber, String trackingUrl, String reason,
            String courierMessage, String city, String time, String promisedDate) {
    }

    /**
     * A review request: each item with its star links (http(s) only), and the day the links expire; a thank-you:
     * the merchant's discount code, if any.
     */
    public record Review(List<ReviewItem> items, String expiresOn, String discountCode) {
    }

    public record ReviewItem(String name, String imageUrl, List<Star> stars) {
    }

    /** {@code label} is the stars to show, e.g. ★★★. */
    public record Star(int stars, String label, String url) {
    }
}
