package dev.shipnotify.ops.lag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lag ops-console reports, against the truth on the real broker: offsets read with the Admin API by the test,
 * and the timestamps the broker gave the records the test produced, and Kafka's own {@code kafka-consumer-groups}.
 * Refresh every second, window of 3 refreshes.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka"))
class LagTest {
    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private String topic;
    private String group;
    private Admin admin;
    private KafkaProducer<String, String> producer;
    /** Offset → the broker's timestamp of each record produced, per partition. */
    private final Map<TopicPartition, Map<Long, Long>> produced = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void topicAndGroup() throws Exception {
        topic = "ops-lag-" + UUID.randomUUID();
        group = "ops-lag-group-" + UUID.randomUUID();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        background.shutdownNow();
        producer.close();
        admin.close();
    }

    @Test
    void aStoppedConsumer_isReportedExactly_inRecordsAndSeconds_asSTOP_thenDrainsToZeroAndOK() throws Exception {
        produce(30);
        consumeAll();

        // 1,000 records over a minute while nobody consumes.
        AtomicInteger sent = new AtomicInteger();
        background.scheduleAtFixedRate(() -> {
            if (sent.getAndIncrement() < 1000) {
                send();
            }
        }, 0, 60, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(90)).until(() -> sent.get() >= 1000);
        producer.flush();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath lag = lag();
            assertThat(lag.getString(path("status"))).isEqualTo("STOP");
            assertThat(lag.getLong(path("lagRecords"))).isEqualTo(1000);
        });
        JsonPath report = lag();
        Map<TopicPartition, Long> truth = truthLag();
        long refreshedAt = java.time.Instant.parse(report.getString("refreshedAt")).toEpochMilli();
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            String partition = path("partitions.find { it.partition == " + p + " }");
            assertThat(report.getLong(partition + ".lagRecords")).as("partition %d", p).isEqualTo(truth.get(tp));
            assertThat(report.getLong(partition + ".logEndOffset") - report.getLong(partition + ".committedOffset"))
                    .isEqualTo(truth.get(tp));
            long committed = report.getLong(partition + ".committedOffset");
            double trueSeconds = (refreshedAt - produced.get(tp).get(committed)) / 1000.0;
            assertThat(report.getDouble(partition + ".lagSeconds")).as("seconds behind on partition %d", p)
                    .isBetween(trueSeconds - 2.0, trueSeconds + 2.0);
            assertThat(report.getString(partition + ".status")).isEqualTo("STOP");
        }
        // Kafka's own tool, asked now, prints the same offsets and lag: nothing has moved since the report.
        Map<TopicPartition, KafkaConsumerGroupsTool.Row> tool = KafkaConsumerGroupsTool.describe(bootstrapServers(),
                group);
        assertThat(tool).hasSize(PARTITIONS);
        tool.forEach((tp, row) -> {
            String partition = path("partitions.find { it.partition == " + tp.partition() + " }");
            assertThat(report.getLong(partition + ".committedOffset")).as("CURRENT-OFFSET of %s", tp)
                    .isEqualTo(row.currentOffset());
            assertThat(report.getLong(partition + ".logEndOffset")).as("LOG-END-OFFSET of %s", tp)
                    .isEqualTo(row.logEndOffset());
            assertThat(report.getLong(partition + ".lagRecords")).as("LAG of %s", tp).isEqualTo(row.lag());
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(metrics).contains("kafka_consumer_group_lag_records{group=\"" + group + "\",partition=\"" + p
                    + "\",topic=\"" + topic + "\"} " + truth.get(new TopicPartition(topic, p)) + ".0");
        }
        assertThat(metrics).contains("kafka_consumer_group_status{group=\"" + group + "\",partition=\"0\",topic=\""
                + topic + "\"} 4.0");
        List<Status> statuses = report.getList("groups.status", String.class).stream().map(Status::valueOf).toList();
        assertThat(statuses).as("worst first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

        consumeAll();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath lag = lag();
            assertThat(lag.getLong(path("lagRecords"))).isZero();
            assertThat(lag.getDouble(path("lagSeconds"))).isZero();
            assertThat(lag.getString(path("status"))).isEqualTo("OK");
        });
    }

    @Test
    void aCommittedOffsetThatGoesBack_isREWIND() throws Exception {
        produce(60);
        consumeAll();
        await().atMost(WAIT).until(() -> "OK".equals(lag().getString(path("status"))));

        Map<TopicPartition, OffsetAndMetadata> back = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            back.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, back).all().get();

        await().atMost(WAIT).until(() -> "REWIND".equals(lag().getString(path("status"))));
    }

    @Test
    void membersThatPollButNeverCommit_areSTALL() throws Exception {
        produce(30);
        consumeAll();
        produce(90);
        AtomicBoolean stop = new AtomicBoolean();
        background.submit(() -> {
            try (KafkaConsumer<String, String> stuck = consumer()) {
                stuck.subscribe(List.of(topic));
                while (!stop.get()) {
                    stuck.poll(Duration.ofMillis(200));
                }
            }
        });
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(lag().getString(path("status"))).isEqualTo("STALL"));
            given().get("/q/health/group/consumers").then().statusCode(503);
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aConsumerThatCommitsButFallsBehind_isWARN() throws Exception {
        produce(30);
        consumeAll();
        // Every 200 ms: 30 records in, and the group commits 2 more per partition (10 a second in all): it makes
        // progress, and falls further behind at every refresh.
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((tp, offset) -> committed.put(tp, offset.offset()));
        KafkaConsumer<String, String> committer = consumer();
        committer.assign(committed.keySet());
        background.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 30; i++) {
                send();
            }
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            committed.replaceAll((tp, offset) -> offset + 2);
            committed.forEach((tp, offset) -> next.put(tp, new OffsetAndMetadata(offset)));
            committer.commitSync(next);
        }, 0, 200, TimeUnit.MILLISECONDS);
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath lag = lag();
                assertThat(lag.getString(path("status"))).as(() -> String.valueOf(
                        lag.getMap("groups.find { it.group == '" + group + "' }"))).isEqualTo("WARN");
            });
        } finally {
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
            committer.close();
        }
    }

    private String path(String field) {
        return "groups.find { it.group == '" + group + "' }." + field;
    }

    private static JsonPath lag() {
        return given().get("/api/lag").then().statusCode(200).extract().jsonPath();
    }

    private void produce(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            send();
        }
        producer.flush();
    }

    private void send() {
        producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), "x"), (RecordMetadata m, Exception e) -> {
            if (m != null) {
                produced.computeIfAbsent(new TopicPartition(m.topic(), m.partition()), k -> new ConcurrentHashMap<>())
                        .put(m.offset(), m.timestamp());
            }
        });
    }

    /** Joins the group, reads everything there is, commits, leaves. */
    private void consumeAll() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                consumer.commitSync();
                Map<TopicPartition, Long> lag = truthLag();
                return lag.size() == PARTITIONS && lag.values().stream().allMatch(l -> l == 0);
            });
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new StringDeserializer(),
                new StringDeserializer());
    }

    /** Log-end minus committed offset per partition, as the Admin API says now. */
    private Map<TopicPartition, Long> truthLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> lag.put(tp, info.offset()
                - committed.get(tp).offset()));
        return lag;
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
