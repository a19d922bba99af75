package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.ShipmentStatus;
import java.time.Instant;

/**
 * What tracking-service said about one shipment of an order: its status and the courier's time of the checkpoint
 * behind it. Both {@code shipment-updated} and {@code delivered} become one of these.
 */
public record ShipmentReport(String shipmentId, String carrier, String trackingNumber, ShipmentStatus status,
        Instant statusAt, String trackingUrl) {
}
