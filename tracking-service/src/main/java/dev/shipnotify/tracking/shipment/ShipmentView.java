package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A shipment as the API shows it, with its full checkpoint history, oldest first. */
@Schema(name = "Shipment")
public record ShipmentView(String id, String orderId, String carrier, String trackingNumber, ShipmentStatus status,
        ExceptionReason reason, LocalDate promisedDate, String trackingUrl, List<CheckpointView> checkpoints,
        Instant createdAt, Instant updatedAt) {

    /** One scan: our status beside the courier's own code, text, place and time. */
    @Schema(name = "Checkpoint")
    public record CheckpointView(Instant time, ShipmentStatus status, ExceptionReason reason, String courierCode,
            String message, Location location, String source) {
    }

    static ShipmentView of(Shipment s, String trackingUrl) {
        Progress progress = s.progress();
        return new ShipmentView(s.id(), s.orderId(), s.carrier(), s.trackingNumber(), progress.status(),
                progress.reason(), s.promisedDate(), trackingUrl, s.checkpoints().stream()
                        .map(r -> new CheckpointView(r.checkpoint().time(), r.checkpoint().status(),
                                r.checkpoint().reason(), r.checkpoint().courierCode(), r.checkpoint().message(),
                                r.checkpoint().location(), r.source()))
                        .toList(), s.createdAt(), s.updatedAt());
    }
}
