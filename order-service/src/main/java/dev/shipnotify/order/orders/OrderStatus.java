package dev.shipnotify.order.orders;

/** Where an order stands. Fulfilment states follow from the shipment topics in a later change. */
public enum OrderStatus {
    PLACED
}
