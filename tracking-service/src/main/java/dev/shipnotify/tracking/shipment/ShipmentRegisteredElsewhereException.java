package dev.shipnotify.tracking.shipment;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/** The carrier and tracking number are registered for another order already. */
public class ShipmentRegisteredElsewhereException extends ProblemException {

    public ShipmentRegisteredElsewhereException(String carrier, String trackingNumber) {
        super(ProblemType.CONFLICT, carrier + " " + trackingNumber + " is registered for another order");
    }
}
