package dev.shipnotify.tracking.shipment;

import static dev.shipnotify.contracts.ShipmentStatus.DELIVERED;
import static dev.shipnotify.contracts.ShipmentStatus.EXCEPTION;
import static dev.shipnotify.contracts.ShipmentStatus.FAILED_ATTEMPT;
import static dev.shipnotify.contracts.ShipmentStatus.INFO_RECEIVED;
import static dev.shipnotify.contracts.ShipmentStatus.IN_TRANSIT;
import static dev.shipnotify.contracts.ShipmentStatus.OUT_FOR_DELIVERY;
import static dev.shipnotify.contracts.ShipmentStatus.PENDING;
import static dev.shipnotify.contracts.ShipmentStatus.RETURNED;
import static dev.shipnotify.contracts.ShipmentStatus.RETURNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.ShipmentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final Instant T0 = Instant.parse("2025-03-15T06:00:00Z");

    @Test
    void isPending_withoutCheckpoints() {
        assertThat(Progress.of(List.of())).isEqualTo(Progress.NONE);
        assertThat(Progress.NONE.status()).isEqualTo(PENDING);
    }

    @Test
    void followsTheNewestCheckpointByCourierTime_notByArrival() {
        Checkpoint outForDelivery = at(3, OUT_FOR_DELIVERY);

        Progress progress = Progress.of(List.of(outForDelivery, at(1, INFO_RECEIVED), at(2, IN_TRANSIT)));

        assertThat(progress.status()).isEqualTo(OUT_FOR_DELIVERY);
        assertThat(progress.checkpoint()).isEqualTo(outForDelivery);
    }

    @Test
    void aLateScanNeverMovesItBack() {
        List<Checkpoint> known = List.of(at(1, IN_TRANSIT), at(5, OUT_FOR_DELIVERY));
        List<Checkpoint> withLate = new ArrayList<>(known);
        withLate.add(at(2, IN_TRANSIT));

        assertThat(Progress.of(withLate)).isEqualTo(Progress.of(known));
    }

    @Test
    void aNewerScanMayStillBeALesserStatus_afterAFailedAttemptTheParcelTravelsAgain() {
        assertThat(Progress.of(List.of(at(1, OUT_FOR_DELIVERY), at(2, FAILED_ATTEMPT), at(3, IN_TRANSIT))).status())
                .isEqualTo(IN_TRANSIT);
    }

    @Test
    void deliveredIsFinal_exceptForAReturn() {
        assertThat(Progress.of(List.of(at(1, IN_TRANSIT), at(2, DELIVERED), at(3, IN_TRANSIT), at(4, EXCEPTION)))
                .status()).isEqualTo(DELIVERED);
        assertThat(Progress.of(List.of(at(2, DELIVERED), at(3, RETURNING))).status()).isEqualTo(RETURNING);
        assertThat(Progress.of(List.of(at(2, DELIVERED), at(3, RETURNING), at(6, RETURNED), at(7, IN_TRANSIT)))
                .status()).isEqualTo(RETURNED);
    }

    @Test
    void aDeliveryReportedLate_stillCounts_evenBehindANewerTransitScan() {
        assertThat(Progress.of(List.of(at(3, IN_TRANSIT), at(2, DELIVERED), at(1, INFO_RECEIVED))).status())
                .isEqualTo(DELIVERED);
        assertThat(Progress.of(List.of(at(1, IN_TRANSIT), at(4, DELIVERED), at(3, OUT_FOR_DELIVERY))).status())
                .isEqualTo(DELIVERED);
    }

    @Test
    void anExceptionCarriesItsReason_otherOtherwise() {
        Checkpoint delayed = new Checkpoint(T0.plusSeconds(60), EXCEPTION, ExceptionReason.DELAYED, null, null, null);
        Checkpoint unexplained = new Checkpoint(T0.plusSeconds(120), EXCEPTION, null, null, null, null);

        assertThat(Progress.of(List.of(delayed)).reason()).isEqualTo(ExceptionReason.DELAYED);
        assertThat(Progress.of(List.of(delayed, unexplained)).reason()).isEqualTo(ExceptionReason.OTHER);
        assertThat(Progress.of(List.of(at(1, IN_TRANSIT))).reason()).isNull();
    }

    @Test
    void aNewReasonIsAChange_theSameStatusAgainIsNot() {
        Progress transit = Progress.of(List.of(at(1, IN_TRANSIT)));
        Progress stillTransit = Progress.of(List.of(at(1, IN_TRANSIT), at(2, IN_TRANSIT)));
        Progress delayed = Progress.of(List.of(new Checkpoint(T0, EXCEPTION, ExceptionReason.DELAYED, null, null,
                null)));
        Progress damaged = Progress.of(List.of(new Checkpoint(T0, EXCEPTION, ExceptionReason.DAMAGED, null, null,
                null)));

        assertThat(stillTransit.differsFrom(transit)).isFalse();
        assertThat(damaged.differsFrom(delayed)).isTrue();
        assertThat(transit.differsFrom(Progress.NONE)).isTrue();
    }

    @Test
    void givesTheSameAnswerInAnyArrivalOrder_evenForScansAtTheSameTime() {
        List<Checkpoint> scans = new ArrayList<>(List.of(at(1, INFO_RECEIVED), at(2, IN_TRANSIT), at(2, EXCEPTION),
                at(3, OUT_FOR_DELIVERY), at(3, FAILED_ATTEMPT), at(4, IN_TRANSIT), at(5, DELIVERED), at(6, IN_TRANSIT)));
        Progress inOrder = Progress.of(scans);
        Random random = new Random(42);

        for (int i = 0; i < 200; i++) {
            Collections.shuffle(scans, random);
            assertThat(Progress.of(scans)).isEqualTo(inOrder);
        }
        assertThat(inOrder.status()).isEqualTo(DELIVERED);
    }

    private static Checkpoint at(int minute, ShipmentStatus status) {
        return new Checkpoint(T0.plusSeconds(60L * minute), status, null, "C-" + status, status.name(), null);
    }
}
