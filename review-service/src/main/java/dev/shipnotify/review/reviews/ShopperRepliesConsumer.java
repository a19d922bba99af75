package dev.shipnotify.review.reviews;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShopperReplied;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import dev.shipnotify.review.orders.Order;
import dev.shipnotify.review.orders.Orders;
import dev.shipnotify.review.requests.ReviewRequests;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A tap on a WhatsApp review request's star button ({@code STARS_1} to {@code STARS_5}, published by the
 * notification-service on {@code shopper-replied}) rates every item of the order, like a star click in the email
 * does for one item. Only for an order this service asked about, while that request's links are valid; other
 * replies are someone else's business. A redelivered tap sets the same rating again.
 */
@ApplicationScoped
public class ShopperRepliesConsumer {
    private static final Pattern STARS = Pattern.compile("STARS_([1-5])");

    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final Orders orders;
    private final Reviews reviews;
    private final ReviewRequests requests;
    private final Clock clock;

    public ShopperRepliesConsumer(EventConsumer consumer, ObjectMapper json, Orders orders, Reviews reviews,
            ReviewRequests requests, Clock clock) {
        this.consumer = consumer;
        this.json = json;
        this.orders = orders;
        this.reviews = reviews;
        this.requests = requests;
        this.clock = clock;
    }

    @Incoming(Topics.SHOPPER_REPLIED)
    @Blocking
    public void replied(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHOPPER_REPLIED,
                consumer.eachEvent(event -> apply(event.read(json, ShopperReplied.class))));
    }

    void apply(ShopperReplied reply) {
        Matcher stars = STARS.matcher(reply.action() == null ? "" : reply.action());
        if (!stars.matches()) {
            return;
        }
        Optional<Order> order = orders.find(reply.orderId()).filter(Order::known);
        if (order.isEmpty() || !asked(reply.orderId())) {
            Log.infof("Star reply %s is about order %s, which was not asked for a review now; ignored",
                    reply.replyId(), reply.orderId());
            return;
        }
        for (Order.Item item : order.get().items()) {
            reviews.rate(order.get(), item, Integer.parseInt(stars.group(1)), "WHATSAPP");
        }
    }

    /** A request went out for the order and its links still work. */
    private boolean asked(String orderId) {
        Document schedule = requests.find(orderId);
        List<Document> sent = schedule == null ? List.of() : schedule.getList("requests", Document.class, List.of());
        return sent.stream().map(request -> request.getDate("expiresAt")).map(Date::toInstant)
                .anyMatch(expiresAt -> clock.instant().isBefore(expiresAt));
    }
}
