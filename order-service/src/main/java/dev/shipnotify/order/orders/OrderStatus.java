package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.ShipmentStatus;

/**
 * Where an order stands for the merchant and the shopper: placed, then the fulfilment state its shipments
 * reached, or cancelled. The shipment's own, finer status is shown next to it.
 */
public enum OrderStatus {
    PLACED,
    SHIPPED,
    OUT_FOR_DELIVERY,
    DELIVERED,
    RETURNED,
    CANCELLED;

    /**
     * The order status one shipment in this status stands for. A label printed ({@code INFO_RECEIVED}) has not
     * shipped yet; a failed attempt or an exception is still shipped, not delivered; a parcel waiting at a pickup
     * point is the last step before the shopper has it, like out for delivery; a parcel on its way back to the
     * merchant will not reach the shopper, so its order is returned already.
     */
    static OrderStatus of(ShipmentStatus status) {
        return switch (status) {
            case PENDING, INFO_RECEIVED -> PLACED;
            case IN_TRANSIT, FAILED_ATTEMPT, EXCEPTION, EXPIRED -> SHIPPED;
            case OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP -> OUT_FOR_DELIVERY;
            case DELIVERED -> DELIVERED;
            case RETURNING, RETURNED -> RETURNED;
        };
    }

    /** A merchant may cancel an order until its parcel reached the shopper (or came back). */
    boolean cancellable() {
        return this == PLACED || this == SHIPPED || this == OUT_FOR_DELIVERY;
    }
}
