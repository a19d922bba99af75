package dev.shipnotify.contracts;

/** Why a shipment is in {@link ShipmentStatus#EXCEPTION}. */
public enum ExceptionReason {
    DELAYED,
    DAMAGED,
    LOST,
    ADDRESS_ISSUE,
    HELD_BY_CUSTOMS,
    REFUSED,
    OTHER
}
