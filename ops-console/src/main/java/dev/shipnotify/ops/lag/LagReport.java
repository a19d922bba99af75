package dev.shipnotify.ops.lag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What {@code GET /api/lag} answers: every consumer group, worst first, as of {@code refreshedAt}. */
public record LagReport(Instant refreshedAt, long refreshIntervalSeconds, int window, List<Group> groups) {

    /**
     * A group: its worst partition's status, total lag in records, its oldest unconsumed record's age, and the time
     * its slowest partition needs to drain (null if a lagging partition made no progress).
     */
    public record Group(String group, String state, Status status, long lagRecords, double lagSeconds,
            Double drainSeconds, List<Partition> partitions) {

        static Group of(String group, String state, List<Partition> partitions) {
            Status worst = partitions.stream().map(Partition::status).max(Comparator.naturalOrder()).orElse(Status.OK);
            Double drain = 0.0;
            for (Partition partition : partitions) {
                if (partition.lagRecords() > 0) {
                    drain = drain == null || partition.drainSeconds() == null ? null
                            : Math.max(drain, partition.drainSeconds());
                }
            }
            return new Group(group, state, worst, partitions.stream().mapToLong(Partition::lagRecords).sum(),
                    partitions.stream().mapToDouble(Partition::lagSeconds).max().orElse(0), drain, partitions);
        }
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
