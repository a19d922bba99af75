package dev.shipnotify.order;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import java.time.Instant;

/** The events tracking-service publishes about one shipment of an order, for tests to feed order-service. */
public record ShipmentEvents(String orderId, String merchantId, String shipmentId) {

    public static ShipmentEvents of(String orderId, String merchantId, String shipmentId) {
        return new ShipmentEvents(orderId, merchantId, shipmentId);
    }

    public ShipmentUpdated updated(ShipmentStatus status, Instant scanTime) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, shipmentId, orderId, merchantId, "Delhivery",
                "AWB" + shipmentId.hashCode(), status, null, null,
                new Checkpoint(scanTime, status, null, "X-" + status, "Scan: " + status,
                        new Location("Bengaluru", "Karnataka", "IN")),
                null, "https://track.example.com/s/" + shipmentId);
    }

    public ShipmentDelivered delivered(Instant deliveredAt) {
        return new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, shipmentId, orderId, merchantId, "Delhivery",
                "AWB" + shipmentId.hashCode(), deliveredAt, new Location("Bengaluru", "Karnataka", "IN"),
                "https://track.example.com/s/" + shipmentId);
    }
}
