package dev.shipnotify.ops.deadletters;

/**
 * A dead-letter topic, {@code <topic>.<group>.dlq}: the topic and consumer group it is named after, how many records
 * it holds and how many of those were not replayed yet.
 */
public record DeadLetterTopic(String topic, String sourceTopic, String group, long records, long pending) {

    static final String SUFFIX = ".dlq";

    static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(SUFFIX) && topic.length() > SUFFIX.length();
    }

    /** The source topic and the group, read from the name. */
    static DeadLetterTopic named(String topic, long records, long pending) {
        String stem = topic.substring(0, topic.length() - SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        return dot < 0 ? new DeadLetterTopic(topic, null, stem, records, pending)
                : new DeadLetterTopic(topic, stem.substring(0, dot), stem.substring(dot + 1), records, pending);
    }
}
