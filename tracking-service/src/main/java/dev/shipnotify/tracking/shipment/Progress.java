package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.ShipmentStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where a shipment stands, worked out from every checkpoint known, whatever order they arrived in: the newest
 * checkpoint by courier time decides, except that {@code DELIVERED} gives way only to a return, and {@code RETURNED}
 * and {@code EXPIRED} to nothing. So a late scan never moves a shipment back, a repeated scan changes nothing,
 * and the same checkpoints give the same status in any arrival order.
 *
 * @param checkpoint the checkpoint behind the status; null while there is none ({@code PENDING})
 */
public record Progress(ShipmentStatus status, ExceptionReason reason, Checkpoint checkpoint) {

    public static final Progress NONE = new Progress(ShipmentStatus.PENDING, null, null);

    /** Time first; at the same time the further status, then the courier's code and text, so ties are stable. */
    static final Comparator<Checkpoint> TIMELINE = Comparator.comparing(Checkpoint::time)
            .thenComparing(Checkpoint::status)
            .thenComparing(c -> Objects.toString(c.courierCode(), ""))
            .thenComparing(c -> Objects.toString(c.message(), ""));

    public static Progress of(Collection<Checkpoint> checkpoints) {
        return checkpoints.stream().sorted(TIMELINE).reduce(NONE, Progress::then, (a, b) -> b);
    }

    private Progress then(Checkpoint next) {
        boolean moves = switch (status) {
            case DELIVERED -> next.status() == ShipmentStatus.RETURNING || next.status() == ShipmentStatus.RETURNED;
            case RETURNED, EXPIRED -> false;
            default -> true;
        };
        return moves ? new Progress(next.status(), next.status() == ShipmentStatus.EXCEPTION ? reasonOf(next) : null,
                next) : this;
    }

    private static ExceptionReason reasonOf(Checkpoint checkpoint) {
        return checkpoint.reason() == null ? ExceptionReason.OTHER : checkpoint.reason();
    }

    /** Whether shoppers and other services should hear of the move from {@code before} to this. */
    public boolean differsFrom(Progress before) {
        return status != before.status || reason != before.reason;
    }
}
