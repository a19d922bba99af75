package dev.shipnotify.ops.deadletters;

import java.time.Instant;

/**
 * One record of a dead-letter topic: where it is, why it is there (the {@code dead-letter-*} headers the consumer
 * wrote), which event it holds ({@code ce_id}, {@code ce_type}), and whether ops-console replayed it already. The body
 * is not shown: it may carry a shopper's address.
 */
public record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String key, String reason,
        String cause, String sourceTopic, Integer sourcePartition, Long sourceOffset, String eventId,
        String eventType, int bytes, Replay replayed) {

    /** Where a replay put the record again, and when. */
    public record Replay(Instant at, String topic, int partition, long offset) {
    }

    String id() {
        return idOf(topic, partition, offset);
    }

    static String idOf(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    DeadLetter replayed(Replay replay) {
        return new DeadLetter(topic, partition, offset, deadLetteredAt, key, reason, cause, sourceTopic,
                sourcePartition, sourceOffset, eventId, eventType, bytes, replay);
    }
}
