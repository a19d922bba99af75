package dev.shipnotify.notification.review;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.contracts.ReviewThanked;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.order.OrderArrived;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.logging.Log;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Delivers the review-service's {@code review-requested} and {@code review-thanked}: the request, at most one
 * reminder and the thank-you, each once per order (the notification log's natural key); the request with every
 * item's one-click star links, the thank-you with the merchant's discount code, if any. Nothing for a cancelled
 * order; an event about an order not known yet waits for it like shipment news.
 */
@ApplicationScoped
public class ReviewRequests {

    private final ObjectMapper json;
    private final ParkedEvents parked;
    private final ShopperMessages messages;

    public ReviewRequests(ObjectMapper json, ParkedEvents parked,
            ShopperMessages messages) {
        this.json = json;
        this.parked = parked;
        this.messages = messages;
    }

    void orderArrived(@Observes @Priority(3) OrderArrived arrived) {
        for (EventEnvelope event : parked.release(arrived.order().orderId, EventType.REVIEW_REQUESTED,
                EventType.REVIEW_THANKED)) {
            apply(event);
        }
    }

    /** Applies a consumed event, in the transaction of its batch. */
    public void apply(EventEnvelope event) {
        String orderId;
        Milestone milestone;
        ReviewAsk ask;
        if (event.type() == EventType.REVIEW_THANKED) {
            ReviewThanked thanks = event.read(json, ReviewThanked.class);
            orderId = thanks.orderId();
            milestone = Milestone.THANK_YOU;
            ask = new ReviewAsk(thanks.thanksId(), null, List.of(), thanks.discountCode());
        } else {
            ReviewRequested request = event.read(json, ReviewRequested.class);
            orderId = request.orderId();
            milestone = request.reminder() ? Milestone.REVIEW_REMINDER : Milestone.REVIEW_REQUEST;
            ask = new ReviewAsk(request.requestId(), request.expiresAt().toString(), request.items().stream()
                    .map(item -> new ReviewAsk.Item(item.name(), item.imageUrl(), item.stars().stream()
                            .map(star -> new ReviewAsk.Star(star.stars(), star.url())).toList()))
                    .toList(), null);
        }
        OrderProjection order = OrderProjection.findById(orderId);
        if (order == null) {
            parked.park(event, orderId);
            Log.infof("%s %s is about order %s, not known yet; kept until it arrives", event.type().topic(),
                    event.id(), orderId);
            return;
        }
        if (order.cancelledAt != null) {
            Log.infof("Order %s was cancelled: no %s", order.orderId, milestone);
            return;
        }
        messages.queue(new ShopperMessage(order, milestone, null, null, ask, event.id()));
    }
}
