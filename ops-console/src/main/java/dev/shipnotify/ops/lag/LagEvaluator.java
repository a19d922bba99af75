package dev.shipnotify.ops.lag;

import java.util.List;

/**
 * The rules, applied to a partition's last samples (oldest first; at most the window):
 * <ol>
 * <li>REWIND if the committed offset went down between two samples of the window;
 * <li>OK if the latest lag is 0 (an idle group at zero lag is fine);
 * <li>OK while the window is not full yet: too little to judge;
 * <li>if the committed offset did not move over the whole window (and lag &gt; 0): STALL when the group has members,
 * STOP when it has none;
 * <li>WARN if the lag grew between every two samples of the window (the consumer commits but falls behind);
 * <li>OK otherwise.
 * </ol>
 * Burrow tells STALL from STOP by commit times, which Kafka's Admin API does not give; whether the group has
 * members tells the same story: members that do not move on are stuck, no members means nobody is consuming.
 */
final class LagEvaluator {

    private LagEvaluator() {
    }

    static Status evaluate(List<Sample> window, int size) {
        if (window.isEmpty()) {
            return Status.OK;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).committedOffset() < window.get(i - 1).committedOffset()) {
                return Status.REWIND;
            }
        }
        Sample first = window.get(0);
        Sample latest = window.get(window.size() - 1);
        if (latest.lag() == 0 || window.size() < size) {
            return Status.OK;
        }
        if (latest.committedOffset() == first.committedOffset()) {
            return latest.groupHasMembers() ? Status.STALL : Status.STOP;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() <= window.get(i - 1).lag()) {
                return Status.OK;
            }
        }
        return Status.WARN;
    }
}
