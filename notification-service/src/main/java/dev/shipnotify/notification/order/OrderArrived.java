package dev.shipnotify.notification.order;

/**
 * Fired, inside the transaction that stored it, when this service first learns of an order: whatever waited for
 * the order (shipment events that came first) can be applied in the same transaction.
 */
public record OrderArrived(OrderProjection order) {
}
