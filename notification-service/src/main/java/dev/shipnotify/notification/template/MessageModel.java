package dev.shipnotify.notification.template;

import java.util.List;

/**
 * What a message template may show, already formatted for the message's language (money, dates). Templates
 * declare it as {@code {@dev.shipnotify.notification.template.MessageModel m}}, so Qute checks every
 * expression at build time.
 */
public record MessageModel(Merchant merchant, Shopper shopper, Order order) {

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
}
