package dev.shipnotify.order.orders;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;
import java.util.UUID;

/** The parcel already reached the shopper, or came back: too late to cancel. */
public class OrderNotCancellableException extends ProblemException {
    static final ProblemType ORDER_NOT_CANCELLABLE = new ProblemType("order-not-cancellable",
            "Order can no longer be cancelled", 409);

    public OrderNotCancellableException(UUID orderId, OrderStatus status) {
        super(ORDER_NOT_CANCELLABLE, "Order " + orderId + " is " + status
                + "; only an order not yet delivered can be cancelled");
    }
}
