package dev.shipnotify.ops.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Measures every consumer group of the cluster on a fixed interval ({@code ops.lag.refresh-interval}) with Kafka's
 * Admin API: per partition the log-end offset, the committed offset and their difference, and, for a partition
 * that lags, the age of its first unconsumed record (read with a group-less consumer at the committed offset). Each
 * partition keeps its last {@code ops.lag.window} samples for {@link LagEvaluator}. The latest report is served by
 * {@link LagResource} and as Prometheus gauges.
 */
@ApplicationScoped
public class LagMonitor {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafka;
    private final Duration refreshInterval;
    private final int window;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry metrics;
    private final Map<Key, Deque<Sample>> history = new ConcurrentHashMap<>();
    private final Map<Key, PartitionGauges> gauges = new ConcurrentHashMap<>();
    private final AtomicReference<LagReport> latest = new AtomicReference<>(LagReport.EMPTY);
    private final Admin admin;
    private KafkaConsumer<byte[], byte[]> reader;

    record Key(String group, String topic, int partition) {
    }

    /** The values the gauges of one partition read. */
    private static final class PartitionGauges {
        volatile double lagRecords;
        volatile double lagSeconds;
        volatile double status;
    }

    public LagMonitor(@Identifier("default-kafka-broker") Map<String, Object> kafka, Admin admin,
            @ConfigProperty(name = "ops.lag.refresh-interval") Duration refreshInterval,
            @ConfigProperty(name = "ops.lag.window") int window, MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.admin = admin;
        this.refreshInterval = refreshInterval;
        this.window = window;
        this.metrics = metrics;
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }

    public LagReport latest() {
        return latest.get();
    }

    @Scheduled(identity = "lag-refresh", every = "${ops.lag.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (Exception e) {
            Log.warnf("Consumer lag not refreshed: %s", e.toString());
        }
    }

    /** One measurement of every group; answers the new report. */
    public synchronized LagReport refresh() throws Exception {
        List<String> groupIds = admin.listConsumerGroups().all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .stream().map(ConsumerGroupListing::groupId).sorted().toList();
        Map<String, ConsumerGroupDescription> descriptions = groupIds.isEmpty() ? Map.of()
                : admin.describeConsumerGroups(groupIds).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        for (String group : groupIds) {
            committed.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!wanted.isEmpty()) {
            admin.listOffsets(wanted).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
        }
        long now = clock.millis();
        Map<TopicPartition, Long> firstUnconsumed = new HashMap<>();
        committed.values().forEach(offsets -> offsets.forEach((tp, offset) -> {
            if (offset != null && ends.getOrDefault(tp, 0L) > offset.offset()) {
                firstUnconsumed.merge(tp, offset.offset(), Math::min);
            }
        }));
        Map<TopicPartition, Map<Long, Long>> timestamps = timestamps(firstUnconsumed, committed);

        List<LagReport.Group> groups = new ArrayList<>();
        for (String group : groupIds) {
            ConsumerGroupDescription description = descriptions.get(group);
            boolean members = description != null && !description.members().isEmpty();
            List<LagReport.Partition> partitions = new ArrayList<>();
            for (var entry : committed.get(group).entrySet()) {
                TopicPartition tp = entry.getKey();
                if (entry.getValue() == null || !ends.containsKey(tp)) {
                    continue;
                }
                long committedOffset = entry.getValue().offset();
                Sample sample = new Sample(now, ends.get(tp), committedOffset, members);
                Key key = new Key(group, tp.topic(), tp.partition());
                List<Sample> samples = remember(key, sample);
                Long producedAt = timestamps.getOrDefault(tp, Map.of()).get(committedOffset);
                double lagSeconds = sample.lag() == 0 || producedAt == null ? 0 : Math.max(0, now - producedAt) / 1000.0;
                Status status = LagEvaluator.evaluate(samples, window);
                partitions.add(new LagReport.Partition(tp.topic(), tp.partition(), sample.logEndOffset(),
                        committedOffset, sample.lag(), lagSeconds, status, drainSeconds(samples)));
                gauge(key, sample.lag(), lagSeconds, status);
            }
            partitions.sort(Comparator.comparing(LagReport.Partition::topic)
                    .thenComparingInt(LagReport.Partition::partition));
            groups.add(LagReport.Group.of(group, description == null ? "UNKNOWN"
                    : description.groupState().toString(), partitions));
        }
        groups.sort(Comparator.comparing(LagReport.Group::status).reversed()
                .thenComparing(Comparator.comparingDouble(LagReport.Group::lagSeconds).reversed())
                .thenComparing(LagReport.Group::group));
        LagReport report = new LagReport(Instant.ofEpochMilli(now), refreshInterval.toSeconds(), window, groups);
        latest.set(report);
        return report;
    }

    private List<Sample> remember(Key key, Sample sample) {
        Deque<Sample> samples = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        samples.addLast(sample);
        while (samples.size() > window) {
            samples.removeFirst();
        }
        return List.copyOf(samples);
    }

    /** Seconds until the lag is gone at the rate the committed offset moved over the window; null if it did not. */
    private static Double drainSeconds(List<Sample> samples) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        if (last.lag() == 0) {
            return 0.0;
        }
        double seconds = (last.at() - first.at()) / 1000.0;
        long consumed = last.committedOffset() - first.committedOffset();
        long produced = last.logEndOffset() - first.logEndOffset();
        if (seconds <= 0 || consumed <= produced) {
            return null;
        }
        return last.lag() / ((consumed - produced) / seconds);
    }

    /**
     * The timestamps of the records at these offsets (the first unconsumed one of each lagging partition, and of
     * every group's committed offset on it), read by a consumer without a group.
     */
    private Map<TopicPartition, Map<Long, Long>> timestamps(Map<TopicPartition, Long> from,
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
        Map<TopicPartition, Map<Long, Long>> found = new HashMap<>();
        if (from.isEmpty()) {
            return found;
        }
        Map<TopicPartition, java.util.Set<Long>> wanted = new HashMap<>();
        committed.values().forEach(offsets -> offsets.forEach((tp, offset) -> {
            if (offset != null && from.containsKey(tp)) {
                wanted.computeIfAbsent(tp, k -> new java.util.HashSet<>()).add(offset.offset());
            }
        }));
        KafkaConsumer<byte[], byte[]> consumer = reader();
        for (var entry : wanted.entrySet()) {
            TopicPartition tp = entry.getKey();
            for (long offset : entry.getValue()) {
                consumer.assign(List.of(tp));
                consumer.seek(tp, offset);
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200)).records(tp);
                    if (!records.isEmpty()) {
                        ConsumerRecord<byte[], byte[]> record = records.get(0);
                        found.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, record.timestamp());
                        break;
                    }
                }
            }
        }
        consumer.assign(List.of());
        return found;
    }

    private void gauge(Key key, long lagRecords, double lagSeconds, Status status) {
        PartitionGauges values = gauges.computeIfAbsent(key, k -> {
            PartitionGauges created = new PartitionGauges();
            Tags tags = Tags.of("group", k.group(), "topic", k.topic(), "partition", Integer.toString(k.partition()));
            Gauge.builder("kafka_consumer_group_lag_records", created, g -> g.lagRecords).tags(tags)
                    .description("Log-end offset minus committed offset").register(metrics);
            Gauge.builder("kafka_consumer_group_lag_seconds", created, g -> g.lagSeconds).tags(tags)
                    .description("Age of the first unconsumed record").register(metrics);
            Gauge.builder("kafka_consumer_group_status", created, g -> g.status).tags(tags)
                    .description("0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP").register(metrics);
            return created;
        });
        values.lagRecords = lagRecords;
        values.lagSeconds = lagSeconds;
        values.status = status.ordinal();
    }


    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-lag-reader");
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
            // A committed offset that retention already deleted reads the oldest record still there: the lag is at
            // least that old.
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            reader = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return reader;
    }

    @PreDestroy
    synchronized void stop() {
        if (reader != null) {
            reader.close(Duration.ofSeconds(5));
        }
    }
}
