package dev.shipnotify.tracking.shipment;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/**
 * The order has not reached this service yet: {@code order-placed} usually arrives within a second of the order,
 * so the merchant retries shortly. Answered rather than guessed, so no shipment is ever attached to an order
 * that may belong to another merchant.
 */
public class OrderNotKnownYetException extends ProblemException {
    static final ProblemType ORDER_NOT_KNOWN_YET = new ProblemType("order-not-known-yet", "Order not known yet", 409);

    public OrderNotKnownYetException(String orderId) {
        super(ORDER_NOT_KNOWN_YET, "Order " + orderId + " has not reached tracking-service yet; retry in a few "
                + "seconds");
    }
}
