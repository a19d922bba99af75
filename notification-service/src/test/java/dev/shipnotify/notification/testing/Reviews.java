package dev.shipnotify.notification.testing;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewRequested;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

/** {@code review-requested} as review-service publishes it: five star links per item of the order. */
public final class Reviews {

    private Reviews() {
    }

    public static ReviewRequested requested(OrderPlaced order, boolean reminder) {
        return new ReviewRequested(ReviewRequested.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), reminder, Instant.parse("2030-01-31T00:00:00Z"), order.items().stream()
                        .map(item -> new ReviewRequested.Item(item.sku(), item.name(), item.imageUrl(),
                                IntStream.rangeClosed(1, 5).mapToObj(stars -> new ReviewRequested.StarLink(stars,
                                        starUrl(order, item.sku(), stars))).toList()))
                        .toList());
    }

    public static String starUrl(OrderPlaced order, String sku, int stars) {
        return "http://127.0.0.1:8084/r/" + order.orderId().substring(0, 8) + "-" + sku + "-" + stars + "?sig=abc";
    }
}
