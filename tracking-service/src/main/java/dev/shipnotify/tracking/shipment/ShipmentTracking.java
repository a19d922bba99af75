package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.messaging.OutboxEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers shipments and applies courier scans to them. Every scan is kept once in {@link ScanLog}; a scan for a
 * parcel not registered yet waits there and is applied when the parcel is registered. A shipment's status follows
 * {@link Progress}, and each move writes its events into the shipment's document in the same write.
 */
@ApplicationScoped
public class ShipmentTracking {
    private static final int MAX_ATTEMPTS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Shipments shipments;
    private final ScanLog scans;
    private final ShipmentEvents events;
    private final Outbox outbox;

    public ShipmentTracking(Shipments shipments, ScanLog scans, ShipmentEvents events, Outbox outbox) {
        this.shipments = shipments;
        this.scans = scans;
        this.events = events;
        this.outbox = outbox;
    }

    /** A registration's outcome: the shipment, and whether this call created it. */
    public record Registration(Shipment shipment, boolean created) {
    }

    /** What became of the scans of one webhook. */
    public record Receipt(int accepted, int duplicates, int awaitingRegistration) {
    }

    /**
     * Registers the parcel for the order, then applies what couriers already said about it. Registering the same
     * parcel for the same order again answers the existing shipment; empty if it belongs to another order.
     */
    public Optional<Registration> register(String merchantId, String orderId, String carrier, String trackingNumber,
            LocalDate promisedDate) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Shipment fresh = new Shipment(UUID.randomUUID().toString(), merchantId, orderId, carrier.strip(),
                trackingNumber.strip(), promisedDate, token(), List.of(), false, now, now, 0);
        Optional<Shipment> inserted = shipments.insert(fresh);
        if (inserted.isEmpty()) {
            return shipments.find(carrier, trackingNumber)
                    .filter(existing -> existing.merchantId().equals(merchantId)
                            && existing.orderId().equals(orderId))
                    .map(existing -> new Registration(existing, false));
        }
        Log.infof("Shipment %s registered for order %s of merchant %s: %s %s", fresh.id(), orderId, merchantId,
                fresh.carrier(), fresh.trackingNumber());
        List<Scan> waiting = scans.reported(carrier, trackingNumber);
        Shipment shipment = waiting.isEmpty() ? fresh : apply(fresh.carrier(), fresh.trackingNumber(), waiting)
                .orElse(fresh);
        return Optional.of(new Registration(shipment, true));
    }

    /**
     * Keeps each scan once and applies to each shipment the scans it does not hold yet: a repeated scan too, so a
     * scan kept just before the process died is applied when the courier sends it again.
     */
    public Receipt receive(List<Scan> received) {
        List<Scan> fresh = scans.record(received, Instant.now());
        Map<String, List<Scan>> parcels = new LinkedHashMap<>();
        for (Scan scan : received) {
            parcels.computeIfAbsent(scan.carrierKey() + "\u001f" + scan.trackingNumber().strip(),
                    k -> new ArrayList<>()).add(scan);
        }
        int waiting = 0;
        for (List<Scan> parcel : parcels.values()) {
            if (apply(parcel.get(0).carrier(), parcel.get(0).trackingNumber(), parcel).isEmpty()) {
                waiting += parcel.size();
            }
        }
        return new Receipt(fresh.size(), received.size() - fresh.size(), waiting);
    }

    /**
     * Adds the scans the shipment does not hold yet and records its events; retried when another write to the
     * same shipment came first. Empty while the parcel is not registered: the scans wait in the log.
     */
    private Optional<Shipment> apply(String carrier, String trackingNumber, List<Scan> parcel) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Shipment> found = shipments.find(carrier, trackingNumber);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Shipment shipment = found.get();
            List<Shipment.Recorded> added = parcel.stream().filter(scan -> !shipment.has(scan.key()))
                    .map(scan -> new Shipment.Recorded(scan.key(), scan.source(), scan.checkpoint()))
                    .distinct().toList();
            if (added.isEmpty()) {
                return found;
            }
            List<Shipment.Recorded> all = new ArrayList<>(shipment.checkpoints());
            all.addAll(added);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Progress before = shipment.progress();
            Progress progress = Progress.of(all.stream().map(Shipment.Recorded::checkpoint).toList());
            boolean delivered = shipment.deliveredPublished() || progress.status() == ShipmentStatus.DELIVERED;
            Shipment after = new Shipment(shipment.id(), shipment.merchantId(), shipment.orderId(), shipment.carrier(),
                    shipment.trackingNumber(), shipment.promisedDate(), shipment.pageToken(), all, delivered,
                    shipment.createdAt(), now, shipment.version() + 1);
            List<OutboxEvent> announced = events.of(after, before, progress, !shipment.deliveredPublished(), now);
            if (shipments.append(shipment, added, progress, delivered, announced, now)) {
                if (!announced.isEmpty()) {
                    Log.infof("Shipment %s of order %s: %s -> %s", shipment.id(), shipment.orderId(),
                            before.status(), progress.status());
                    outbox.written(List.of(shipment.id()));
                }
                return Optional.of(after);
            }
        }
        throw new IllegalStateException("shipment " + carrier + " " + trackingNumber + " kept changing; "
                + MAX_ATTEMPTS + " attempts to apply " + parcel.size() + " scans failed");
    }

    private static String token() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
