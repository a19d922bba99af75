package dev.shipnotify.ops.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dead-letter topics of the cluster (every topic named {@code <topic>.<group>.dlq}) and their records, and the
 * replay of a record to the topic it came from (its {@code dead-letter-topic} header), key, body and event headers
 * as they were.
 *
 * <p>Each replay is remembered in the compacted topic {@code ops.dead-letters.replays-topic}, keyed by the dead
 * letter's topic, partition and offset, and a record is replayed at most once: a second request answers 409. The
 * window left: a process that dies after the broker took the replayed record and before the mark was written would
 * replay it once more when asked again; every consumer of the suite drops an event id it has handled, so that copy
 * changes nothing. One ops-console replica replays at a time (it is a single deployable).
 */
@ApplicationScoped
public class DeadLetters {
    static final String SOURCE_TOPIC = "dead-letter-topic";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Map<String, Object> kafka;
    private final String replaysTopic;
    private final MeterRegistry metrics;
    private final Map<String, DeadLetter.Replay> replays = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile boolean replaysLoaded;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka, Admin admin,
            @ConfigProperty(name = "ops.dead-letters.replays-topic") String replaysTopic, MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.admin = admin;
        this.replaysTopic = replaysTopic;
        this.metrics = metrics;
    }

    /** Every dead-letter topic with its record count and how many of them are not replayed; by name. */
    public List<DeadLetterTopic> topics() {
        Map<String, Long> records = recordCounts();
        loadReplays();
        return records.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(entry -> {
            String prefix = entry.getKey() + "/";
            long replayed = replays.keySet().stream().filter(id -> id.startsWith(prefix)).count();
            return DeadLetterTopic.named(entry.getKey(), entry.getValue(), Math.max(0, entry.getValue() - replayed));
        }).toList();
    }

    /** The records of one dead-letter topic, newest first, at most {@code limit}; empty if there is no such topic. */
    public Optional<List<DeadLetter>> list(String topic, int limit) {
        if (!DeadLetterTopic.isDeadLetterTopic(topic) || !exists(topic)) {
            return Optional.empty();
        }
        loadReplays();
        List<DeadLetter> all = new ArrayList<>();
        readAll(topic, record -> all.add(deadLetter(record)));
        all.sort(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::offset).reversed());
        return Optional.of(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * Puts one dead letter back on its source topic.
     *
     * @throws DeadLetterNotFoundException if there is no such record
     * @throws ReplayRefusedException if it was replayed before, or does not say where it came from
     */
    public synchronized DeadLetter replay(String topic, int partition, long offset) {
        loadReplays();
        ConsumerRecord<byte[], byte[]> record = read(topic, partition, offset)
                .orElseThrow(() -> new DeadLetterNotFoundException(DeadLetter.idOf(topic, partition, offset)));
        return replay(record);
    }

    /** Replays every record of the topic not replayed yet, oldest first; answers those it replayed. */
    public synchronized List<DeadLetter> replayAll(String topic) {
        if (!DeadLetterTopic.isDeadLetterTopic(topic) || !exists(topic)) {
            throw new DeadLetterNotFoundException(topic);
        }
        loadReplays();
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
        readAll(topic, record -> {
            if (!replays.containsKey(DeadLetter.idOf(record.topic(), record.partition(), record.offset()))
                    && header(record, SOURCE_TOPIC) != null) {
                pending.add(record);
            }
        });
        pending.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return pending.stream().map(this::replay).toList();
    }

    private DeadLetter replay(ConsumerRecord<byte[], byte[]> record) {
        DeadLetter letter = deadLetter(record);
        if (letter.replayed() != null) {
            throw ReplayRefusedException.alreadyReplayed(letter);
        }
        if (letter.sourceTopic() == null || letter.sourceTopic().isBlank()) {
            throw ReplayRefusedException.noSource(letter);
        }
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(letter.sourceTopic(), null, record.key(),
                record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                again.headers().add(header);
            }
        }
        again.headers().add("replayed-from", letter.id().getBytes(StandardCharsets.UTF_8));
        RecordMetadata written = await(producer().send(again));
        DeadLetter.Replay replay = new DeadLetter.Replay(Instant.now(), written.topic(), written.partition(),
                written.offset());
        try {
            await(producer().send(new ProducerRecord<>(replaysTopic, letter.id().getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(replay))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replays.put(letter.id(), replay);
        Log.infof("Replayed dead letter %s (event %s, %s) to %s-%d@%d", letter.id(), letter.eventId(),
                letter.eventType(), replay.topic(), replay.partition(), replay.offset());
        return letter.replayed(replay);
    }

    /** Keeps a gauge of each dead-letter topic's record count for Prometheus ({@code dead_letter_records}). */
    @Scheduled(identity = "dead-letter-count", every = "${ops.lag.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        try {
            recordCounts().forEach((topic, records) -> counts.computeIfAbsent(topic, t -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("dead_letter_records", value, AtomicLong::get).tag("topic", t)
                        .description("Records in a dead-letter topic (log-end minus log-start offset)")
                        .register(metrics);
                return value;
            }).set(records));
        } catch (RuntimeException e) {
            Log.warnf("Dead-letter counts not refreshed: %s", e.toString());
        }
    }

    private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        String sourcePartition = header(record, "dead-letter-partition");
        String sourceOffset = header(record, "dead-letter-offset");
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, "dead-letter-reason"), header(record, "dead-letter-cause"),
                header(record, SOURCE_TOPIC), sourcePartition == null ? null : Integer.valueOf(sourcePartition),
                sourceOffset == null ? null : Long.valueOf(sourceOffset), header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE), record.value() == null ? 0 : record.value().length,
                replays.get(DeadLetter.idOf(record.topic(), record.partition(), record.offset())));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Log-end minus log-start offset of every dead-letter topic. */
    private Map<String, Long> recordCounts() {
        try {
            List<String> topics = admin.listTopics().names().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(DeadLetterTopic::isDeadLetterTopic).toList();
            Map<String, Long> records = new LinkedHashMap<>();
            if (topics.isEmpty()) {
                return records;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .forEach((name, description) -> description.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                    }));
            var starts = admin.listOffsets(earliest).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            var ends = admin.listOffsets(latest).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            topics.forEach(topic -> records.put(topic, 0L));
            ends.forEach((tp, end) -> records.merge(tp.topic(), end.offset() - starts.get(tp).offset(), Long::sum));
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not answer: " + e, e);
        }
    }

    private boolean exists(String topic) {
        return recordCounts().containsKey(topic);
    }

    /** Reads the replay marks once; later ones are added as they are written. */
    private synchronized void loadReplays() {
        if (replaysLoaded) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(replaysTopic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + replaysTopic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + replaysTopic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer: " + e, e);
        }
        readAll(replaysTopic, record -> {
            String id = new String(record.key(), StandardCharsets.UTF_8);
            try {
                replays.put(id, JSON.readValue(record.value(), DeadLetter.Replay.class));
            } catch (IOException e) {
                Log.warnf("Replay mark %s unreadable, ignored: %s", id, e.getMessage());
            }
        });
        replaysLoaded = true;
    }

    /** Every record of a topic, from its log-start to its log-end offset as of now. */
    private void readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, CALL_TIMEOUT));
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), CALL_TIMEOUT) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + CALL_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
            }
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, long offset) {
        if (!DeadLetterTopic.isDeadLetterTopic(topic) || !exists(topic)) {
            return Optional.empty();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (consumer.partitionsFor(topic, CALL_TIMEOUT).stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(tp));
            long start = consumer.beginningOffsets(List.of(tp), CALL_TIMEOUT).get(tp);
            long end = consumer.endOffsets(List.of(tp), CALL_TIMEOUT).get(tp);
            if (offset < start || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("could not read " + DeadLetter.idOf(topic, partition, offset)
                    + " within " + CALL_TIMEOUT);
        }
    }

    private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent) {
        try {
            return sent.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the record: " + e, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-dead-letters-" + System.nanoTime());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ops-console-replay");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
            new KafkaClientMetrics(producer).bindTo(metrics);
        }
        return producer;
    }


    @PreDestroy
    synchronized void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
