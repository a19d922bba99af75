package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.tracking.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Tells shoppers of a delay before they have to ask: a shipment on its way that no courier reported on for
 * {@code tracking.delay.silence}, or that is still not delivered once its promised date is over, gets one
 * {@code EXCEPTION} (delayed) checkpoint of its own, applied like any scan, so it moves the status and publishes
 * {@code shipment-updated}. A courier's next scan moves the shipment on as usual; the delay is announced once.
 */
@ApplicationScoped
public class DelayWatch {
    /** The source of the checkpoints this writes, also how a shipment shows it was announced. */
    public static final String SOURCE = "tracking-service";
    private static final int BATCH = 500;

    private final Shipments shipments;
    private final ShipmentTracking tracking;
    private final Duration silence;

    public DelayWatch(Shipments shipments, ShipmentTracking tracking, TrackingConfig config) {
        this.shipments = shipments;
        this.tracking = tracking;
        this.silence = config.delay().silence();
    }

    @Scheduled(identity = "delay-watch", every = "${tracking.delay.check-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check(Instant.now());
    }

    /** Announces every shipment overdue at {@code now}; answers how many. */
    public int check(Instant now) {
        int announced = 0;
        List<Shipment> overdue;
        do {
            overdue = shipments.overdue(now, now.minus(silence), SOURCE, BATCH);
            for (Shipment shipment : overdue) {
                tracking.receive(List.of(new Scan(SOURCE, shipment.carrier(), shipment.trackingNumber(),
                        new Checkpoint(now.truncatedTo(ChronoUnit.SECONDS), ShipmentStatus.EXCEPTION,
                                ExceptionReason.DELAYED, "DELAYED", why(shipment, now), null))));
                announced++;
            }
        } while (overdue.size() == BATCH);
        if (announced > 0) {
            Log.infof("Announced %d delayed shipments", announced);
        }
        return announced;
    }

    private String why(Shipment shipment, Instant now) {
        if (shipment.promisedBy() != null && now.isAfter(shipment.promisedBy())) {
            return "Not delivered by the promised date, " + shipment.promisedDate();
        }
        return "No update from the courier for " + silence.toHours() + " hours";
    }
}
