package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.order.Ids;
import dev.shipnotify.order.merchants.Merchant;
import dev.shipnotify.order.outbox.OutboxWriter;
import dev.shipnotify.problem.ResourceNotFoundException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Cancels orders: in one transaction the order becomes CANCELLED and {@code order-cancelled} goes to the outbox,
 * so the event exists exactly when the cancellation does. Cancelling a cancelled order changes nothing and
 * publishes nothing.
 */
@ApplicationScoped
public class OrderCancellation {
    private final OutboxWriter outbox;

    public OrderCancellation(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public OrderResponse cancel(Merchant merchant, String orderId, String reason) {
        Order order = Ids.parse(orderId).flatMap(id -> Order.lockForMerchant(id, merchant.id))
                .orElseThrow(() -> new ResourceNotFoundException("order", orderId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (order.cancel(reason, now)) {
            outbox.write(EventType.ORDER_CANCELLED, order.id.toString(), new OrderCancelled(
                    OrderCancelled.SCHEMA_VERSION, order.id.toString(), merchant.id.toString(), now, reason), now);
            Log.infof("Order %s of merchant %s cancelled", order.id, merchant.id);
        } else {
            Log.debugf("Order %s of merchant %s was cancelled before; nothing to do", order.id, merchant.id);
        }
        return OrderResponse.of(order);
    }
}
