package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/** A shipment reached the shopper. Published once per shipment, next to its {@link ShipmentUpdated}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentDelivered(int schemaVersion, String shipmentId, String orderId, String merchantId,
        String carrier, String trackingNumber, Instant deliveredAt, Location location, String trackingUrl) {

    public static final int SCHEMA_VERSION = 1;

    public ShipmentDelivered {
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
