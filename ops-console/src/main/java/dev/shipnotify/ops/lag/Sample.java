package dev.shipnotify.ops.lag;

/** One partition of one group as seen at one refresh. */
record Sample(long at, long logEndOffset, long committedOffset, boolean groupHasMembers) {
    long lag() {
        return Math.max(0, logEndOffset - committedOffset);
    }
}
