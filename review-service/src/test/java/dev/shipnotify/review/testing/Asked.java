package dev.shipnotify.review.testing;

import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.review.requests.ReviewRequests;
import dev.shipnotify.review.requests.ReviewScheduler;
import dev.shipnotify.review.orders.Orders;
import io.quarkus.arc.Arc;
import java.net.URI;
import java.time.Duration;

/** An order delivered and asked for a review the way the service does it: the request as published, with its links. */
public record Asked(OrderPlaced order, ReviewRequested request) {

    /** Places and delivers the order, moves the clock past the request delay, and waits for the request. */
    public static Asked order(OrderPlaced order) {
        TestClock clock = Arc.container().instance(TestClock.class).get();
        ReviewRequests requests = Arc.container().instance(ReviewRequests.class).get();
        Orders orders = Arc.container().instance(Orders.class).get();
        Shop.publish(order);
        Shop.publish(Shop.delivered(order, clock.instant()));
        await().atMost(Shop.WAIT).until(() -> requests.find(order.orderId()) != null
                && orders.find(order.orderId()).isPresent());
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        Arc.container().instance(ReviewScheduler.class).get().publishDue();
        return new Asked(order, Shop.awaitRequests(order, 1).get(0));
    }

    /** The path and query of the star link for this item and star count, as the email carries it. */
    public String star(String sku, int stars) {
        String url = request.items().stream().filter(item -> item.sku().equals(sku)).findFirst().orElseThrow()
                .stars().get(stars - 1).url();
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    public String orderId() {
        return order.orderId();
    }
}
