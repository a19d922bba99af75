package dev.shipnotify.order.orders;

import dev.shipnotify.order.problem.ProblemException;
import dev.shipnotify.order.problem.ProblemType;
import java.util.UUID;

/** The parcel already reached the shopper, or came back: too late to cancel. */
public class OrderNotCancellableException extends ProblemException {

    public OrderNotCancellableException(UUID orderId, OrderStatus status) {
        super(ProblemType.ORDER_NOT_CANCELLABLE, "Order " + orderId + " is " + status
                + "; only an order not yet delivered can be cancelled");
    }
}
