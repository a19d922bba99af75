package dev.shipnotify.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning with a plain consumer, for assertions in tests. It assigns all
 * partitions itself (no consumer group): it commits nothing and never disturbs the services' groups.
 */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** One record as a test sees it: text key and value, headers as text (the last one wins if repeated). */
    public record Record(String topic, int partition, long offset, String key, String value,
            Map<String, String> headers, Instant timestamp) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** Everything on the topic right now; an unknown topic reads as empty. */
    public List<Record> readAll(String topic) {
        return readAll(topic, Duration.ofSeconds(10));
    }

    public List<Record> readAll(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<Record> records = new ArrayList<>();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(record -> records.add(toRecord(record)));
            }
            return records;
        }
    }

    /**
     * Waits until the topic holds at least {@code expectedCount} records matching {@code filter} and
     * returns all matching ones (possibly more than expected: assert the exact count if it matters).
     * Fails with what was seen when the timeout passes. The topic may not exist yet when called.
     */
    public List<Record> awaitRecords(String topic, Predicate<Record> filter, int expectedCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Record> seen = new ArrayList<>();
        List<Record> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            while (matching.size() < expectedCount) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + expectedCount + " matching record(s) on " + topic + " within "
                            + timeout + " but found " + matching.size() + " among " + seen.size() + " record(s); first ones: "
                            + seen.subList(0, Math.min(10, seen.size())));
                }
                if (consumer.assignment().isEmpty()) {
                    assignFromBeginning(consumer, topic);
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    Record read = toRecord(record);
                    seen.add(read);
                    if (filter.test(read)) {
                        matching.add(read);
                    }
                }
            }
        }
        return matching;
    }

    /** Shorthand for one matching record. */
    public Record awaitRecord(String topic, Predicate<Record> filter, Duration timeout) {
        return awaitRecords(topic, filter, 1, timeout).get(0);
    }

    private void assignFromBeginning(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions;
        try {
            partitions = partitions(consumer, topic, POLL);
        } catch (org.apache.kafka.common.errors.TimeoutException slowMetadata) {
            // A first connection can outlast one poll; the caller's deadline bounds these retries.
            return;
        }
        if (partitions.isEmpty()) {
            // The producer has not created the topic yet; the caller's deadline bounds these retries.
            pause();
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading must not create the topic: that would hide a service that never produced to it.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Only what a real consumer would see: no records of aborted transactions.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-reader");
        return new KafkaConsumer<>(props);
    }

    private static Record toRecord(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Record(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                Collections.unmodifiableMap(headers), Instant.ofEpochMilli(record.timestamp()));
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a topic", e);
        }
    }
}
