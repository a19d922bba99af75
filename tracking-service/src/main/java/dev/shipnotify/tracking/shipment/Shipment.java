package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.Checkpoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A registered shipment and every checkpoint couriers reported for it, oldest first.
 *
 * @param pageToken the unguessable part of the shopper's tracking link
 * @param deliveredPublished whether {@code delivered} was published, so a return and a second delivery do not
 *     announce it twice
 * @param version incremented by every write; a write that read an older version starts again
 */
public record Shipment(String id, String merchantId, String orderId, String carrier, String trackingNumber,
        LocalDate promisedDate, String pageToken, List<Recorded> checkpoints, boolean deliveredPublished,
        Instant createdAt, Instant updatedAt, long version) {

    /** A checkpoint as recorded: which scan it came from, and from which webhook source. */
    public record Recorded(String scanKey, String source, Checkpoint checkpoint) {
    }

    public Shipment {
        checkpoints = checkpoints.stream().sorted((a, b) -> Progress.TIMELINE.compare(a.checkpoint(), b.checkpoint()))
                .toList();
    }

    /** When the promised date is over everywhere: the day after it, 00:00 UTC; null without a promise. */
    public Instant promisedBy() {
        return promisedDate == null ? null : promisedDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public String carrierKey() {
        return Carriers.key(carrier);
    }

    public Progress progress() {
        return Progress.of(checkpoints.stream().map(Recorded::checkpoint).toList());
    }

    boolean has(String scanKey) {
        return checkpoints.stream().anyMatch(c -> c.scanKey().equals(scanKey));
    }
}
