package dev.shipnotify.notification.order;

/**
 * Fired, inside the transaction that stored it, when this service learns of an order that events wait for (shipment
 * events, a cancellation, review requests that came first): they can be applied in the same transaction.
 */
public record OrderArrived(OrderProjection order) {
}
