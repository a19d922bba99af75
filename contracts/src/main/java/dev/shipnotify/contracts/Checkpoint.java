package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/** One courier scan, normalised to a {@link ShipmentStatus}, with the courier's own code and text kept. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(Instant time, ShipmentStatus status, ExceptionReason reason, String courierCode,
        String message, Location location) {
    public Checkpoint {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
    }
}
