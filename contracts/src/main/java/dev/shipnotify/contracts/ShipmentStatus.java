package dev.shipnotify.contracts;

/**
 * The one status every courier format is normalised to (docs/architecture.md, "Shipment status taxonomy").
 * The courier's own code and text travel beside it in {@link Checkpoint}.
 */
public enum ShipmentStatus {
    PENDING,
    INFO_RECEIVED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    FAILED_ATTEMPT,
    AVAILABLE_FOR_PICKUP,
    DELIVERED,
    EXCEPTION,
    RETURNING,
    RETURNED,
    EXPIRED;

    /** A shipment in a final status changes only if the courier starts a return after delivery. */
    public boolean isFinal() {
        return this == DELIVERED || this == RETURNED || this == EXPIRED;
    }
}
