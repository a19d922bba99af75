package dev.shipnotify.notification.delivery;

import dev.shipnotify.notification.order.OrderProjection;

/**
 * A milestone the shopper of an order should hear about, before it is split into one notification per channel.
 *
 * @param shipmentId null for order milestones
 * @param shipment   what the shipment event said; null for order milestones
 * @param review     what a review request offers; null for other milestones
 * @param eventId    the event that brought it ({@code ce_id})
 */
public record ShopperMessage(OrderProjection order, Milestone milestone, String shipmentId, ShipmentNews shipment,
        ReviewAsk review, String eventId) {

    public static ShopperMessage ofOrder(OrderProjection order, Milestone milestone, String eventId) {
        return new ShopperMessage(order, milestone, null, null, null, eventId);
    }

    /** The message a notification was queued for, read back from the log row and the order it belongs to. */
    public static ShopperMessage of(Notification notification, OrderProjection order) {
        return new ShopperMessage(order, notification.milestone, notification.shipmentId, notification.shipment,
                notification.review, notification.sourceEventId);
    }

    /** {@code ", shipment <id>"} for shipment milestones, empty otherwise: for log lines. */
    public String shipmentSuffix() {
        return shipmentId == null ? "" : ", shipment " + shipmentId;
    }
}
