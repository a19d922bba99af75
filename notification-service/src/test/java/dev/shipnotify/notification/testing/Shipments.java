package dev.shipnotify.notification.testing;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import java.time.Instant;
import java.time.LocalDate;

/** Shipment events as tracking-service publishes them, for a Delhivery parcel of a test order. */
public final class Shipments {
    public static final String CARRIER = "Delhivery";
    public static final String TRACKING_NUMBER = "DL123456789IN";
    public static final String TRACKING_URL = "http://127.0.0.1:8082/track/delhivery/DL123456789IN?t=abcdefghijklmnopqrstuvwx";
    private static final Instant PICKED_UP = Instant.parse("2025-03-15T08:58:00Z");

    private Shipments() {
    }

    /** A {@code shipment-updated} whose scan happened this many hours after pickup. */
    public static ShipmentUpdated update(OrderPlaced order, String shipmentId, ShipmentStatus status,
            ExceptionReason reason, int hoursAfterPickup) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, shipmentId, order.orderId(), order.merchantId(),
                CARRIER, TRACKING_NUMBER, status, null, reason,
                new Checkpoint(PICKED_UP.plusSeconds(hoursAfterPickup * 3600L), status, reason, "X-" + status,
                        "Scan: " + status, new Location("Bengaluru", "KA", "IN")),
                LocalDate.of(2025, 3, 18), TRACKING_URL);
    }

    public static ShipmentDelivered delivered(OrderPlaced order, String shipmentId) {
        return new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, shipmentId, order.orderId(), order.merchantId(),
                CARRIER, TRACKING_NUMBER, PICKED_UP.plusSeconds(75 * 3600), new Location("Bengaluru", "KA", "IN"),
                TRACKING_URL);
    }
}
