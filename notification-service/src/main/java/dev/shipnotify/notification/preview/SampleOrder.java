package dev.shipnotify.notification.preview;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.delivery.ShipmentNews;
import dev.shipnotify.notification.order.MerchantBranding;
import dev.shipnotify.notification.order.OrderLine;
import dev.shipnotify.notification.order.OrderProjection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

/** A made-up order, parcel and review request that every template can be shown with; nothing of it is stored. */
final class SampleOrder {
    static final MerchantBranding MERCHANT = new MerchantBranding("Chai & Co", "Chai & Co", "orders@chai-and-co.example",
            "help@chai-and-co.example", "+918041234567", "https://chai-and-co.example/logo.png", "#B5451B", "en-IN",
            null);

    private SampleOrder() {
    }

    /** The sample order of this merchant's branding, for a shopper who reads {@code locale}. */
    static OrderProjection order(MerchantBranding merchant, String locale) {
        OrderProjection order = new OrderProjection();
        order.orderId = "3f2a9c1b-7d4e-4f00-9a1b-2c3d5f6a7b8c";
        order.merchantId = "sample-merchant";
        order.merchant = merchant;
        order.shopperName = "Asha Rao";
        order.shopperEmail = "asha.rao@example.com";
        order.shopperPhone = "+919876543210";
        order.shopperLocale = locale;
        order.shopperTimeZone = "Asia/Kolkata";
        order.items = List.of(
                new OrderLine("TEA-ASSAM-250", "Assam breakfast tea, 250 g", 2, new BigDecimal("349.00"), "INR",
                        "https://chai-and-co.example/p/assam.jpg"),
                new OrderLine("MUG-KULHAR-2", "Clay kulhar mugs, set of 2", 1, new BigDecimal("499.00"), "INR", null));
        order.totalAmount = new BigDecimal("1197.00");
        order.totalCurrency = "INR";
        order.placedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        return order;
    }

    /** What a shipment event of this milestone would say; null for order milestones. */
    static ShipmentNews news(Milestone milestone, ExceptionReason reason) {
        if (milestone.priority() != Milestone.Priority.DELIVERY_NEWS || milestone == Milestone.ORDER_CONFIRMED
                || milestone == Milestone.ORDER_CANCELLED) {
            return null;
        }
        String status = switch (milestone) {
            case SHIPPED -> "IN_TRANSIT";
            default -> milestone.name();
        };
        return new ShipmentNews("Delhivery", "1492837465012",
                "https://track.chai-and-co.example/delhivery/1492837465012?t=sample", status,
                milestone == Milestone.EXCEPTION ? (reason == null ? ExceptionReason.DELAYED : reason).name() : null,
                "Shipment picked up", "Bengaluru", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(),
                LocalDate.now().plusDays(2).toString());
    }

    /** What a review request offers: five star links for each item; a thank-you, a code; null for other milestones. */
    static ReviewAsk review(Milestone milestone, OrderProjection order) {
        if (milestone == Milestone.THANK_YOU) {
            return new ReviewAsk("sample-thanks", null, List.of(), "THANKS10");
        }
        if (milestone.priority() != Milestone.Priority.REVIEW_REQUEST) {
            return null;
        }
        return new ReviewAsk("sample-request", Instant.now().plus(30, ChronoUnit.DAYS).toString(),
                order.items.stream().map(item -> new ReviewAsk.Item(item.name(), item.imageUrl(),
                        IntStream.rangeClosed(1, 5).mapToObj(stars -> new ReviewAsk.Star(stars,
                                "https://reviews.chai-and-co.example/r/sample-" + item.sku() + "-" + stars)).toList()))
                        .toList(), null);
    }
}
