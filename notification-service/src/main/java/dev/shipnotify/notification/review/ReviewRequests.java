package dev.shipnotify.notification.review;

import dev.shipnotify.notification.delivery.ShopperMessage;
import dev.shipnotify.notification.rules.ShopperMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.contracts.inbox.EventEnvelope;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.inbox.ParkedEvents;
import dev.shipnotify.notification.order.OrderArrived;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.logging.Log;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Delivers the review-service's {@code review-requested}: the request, and at most one reminder, each once per
 * order (the notification log's natural key), with every item's one-click star links. Nothing for a cancelled
 * order; a request about an order not known yet waits for it like shipment news.
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
        for (EventEnvelope event : parked.release(arrived.order().orderId, EventType.REVIEW_REQUESTED)) {
            apply(event);
        }
    }

    /** Applies a consumed event, in the caller's transaction (the consumer's {@code ProcessedEvents.once}). */
    public void apply(EventEnvelope event) {
        ReviewRequested request = event.read(json, ReviewRequested.class);
        parked.lockOrder(request.orderId());
        OrderProjection order = OrderProjection.findById(request.orderId());
        if (order == null) {
            parked.park(event, request.orderId());
            Log.infof("Review request %s is about order %s, not known yet; kept until it arrives", event.id(),
                    request.orderId());
            return;
        }
        if (order.cancelledAt != null) {
            Log.infof("Order %s was cancelled: no review request", order.orderId);
            return;
        }
        ReviewAsk ask = new ReviewAsk(request.requestId(), request.expiresAt().toString(), request.items().stream()
                .map(item -> new ReviewAsk.Item(item.name(), item.imageUrl(), item.stars().stream()
                        .map(star -> new ReviewAsk.Star(star.stars(), star.url())).toList()))
                .toList());
        messages.queue(new ShopperMessage(order, request.reminder() ? Milestone.REVIEW_REMINDER : Milestone.REVIEW_REQUEST,
                null, null, ask, event.id()));
    }
}
