package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A shipment's normalised status changed (published on each change, not on every in-transit scan).
 * {@code checkpoint} is the scan that caused the change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentUpdated(int schemaVersion, String shipmentId, String orderId, String merchantId, String carrier,
        String trackingNumber, ShipmentStatus status, ShipmentStatus previousStatus, ExceptionReason reason,
        Checkpoint checkpoint, LocalDate promisedDate, String trackingUrl) {

    public static final int SCHEMA_VERSION = 1;

    public ShipmentUpdated {
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
