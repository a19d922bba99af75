package dev.shipnotify.ops.lag;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/lag} answers: every consumer group, worst first, as of {@code refreshedAt}. */
public record LagReport(Instant refreshedAt, long refreshIntervalSeconds, int window, List<Group> groups) {

    /** A group: its worst partition's status, total lag in records, and its oldest unconsumed record's age. */
    public record Group(String group, String state, Status status, long lagRecords, double lagSeconds,
            List<Partition> partitions) {
    }

    /**
     * One partition: {@code lagRecords} = log-end offset − committed offset; {@code lagSeconds} = how long ago the
     * first unconsumed record was produced (its timestamp), 0 when there is none; {@code drainSeconds}: at the rate
     * the group committed over the window, how long until the lag is gone (null if it made no progress).
     */
    public record Partition(String topic, int partition, long logEndOffset, long committedOffset, long lagRecords,
            double lagSeconds, Status status, Double drainSeconds) {
    }

    static final LagReport EMPTY = new LagReport(null, 0, 0, List.of());
}
