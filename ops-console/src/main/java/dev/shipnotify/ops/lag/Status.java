package dev.shipnotify.ops.lag;

/**
 * A consumer's state on one partition, judged over a sliding window of samples in the spirit of LinkedIn Burrow
 * (see {@link LagEvaluator} for the rules). Declared from best to worst: a group shows its worst partition.
 */
public enum Status {
    /** Caught up, or moving fast enough that the lag does not keep growing; also an idle group at zero lag. */
    OK,
    /** Committing, but the lag grew over the whole window: falling behind. */
    WARN,
    /** The committed offset went backwards (a reset or a replay). */
    REWIND,
    /** Members are in the group but the committed offset did not move for the whole window while lag > 0. */
    STALL,
    /** No member in the group and no progress for the whole window while lag > 0: nobody consumes. */
    STOP
}
