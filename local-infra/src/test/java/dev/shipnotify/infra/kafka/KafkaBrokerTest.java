package dev.shipnotify.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(0, 0, null, Topics.DEFAULT_PARTITIONS);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void createsEverySuiteTopicWithSixPartitions() throws Exception {
        try (Admin admin = admin(broker)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();

            assertThat(topics).containsOnlyKeys(Topics.ALL);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(6));
        }
    }

    @Test
    void autoCreatedDeadLetterTopicAlsoGetsSixPartitions() throws Exception {
        String dlq = Topics.deadLetter(Topics.DELIVERED, "group-" + UUID.randomUUID());
        send(broker, new ProducerRecord<>(dlq, "order-1", "{}"));

        try (Admin admin = admin(broker)) {
            TopicDescription topic = admin.describeTopics(java.util.List.of(dlq)).allTopicNames().get().get(dlq);
            assertThat(topic.partitions()).hasSize(6);
        }
    }

    @Test
    void deliversKeyValueAndHeadersToAReaderFromTheBeginning() {
        String orderId = "order-" + UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDER_PLACED, orderId, "{\"orderId\":\"" + orderId + "\"}");
        record.headers().add("ce_id", "event-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "dev.shipnotify.order.placed".getBytes(StandardCharsets.UTF_8));
        send(broker, record);

        TopicReader.Record read = new TopicReader(broker.bootstrapServers())
                .awaitRecord(Topics.ORDER_PLACED, r -> orderId.equals(r.key()), WAIT);

        assertThat(read.value()).contains(orderId);
        assertThat(read.headers()).containsEntry("ce_id", "event-1").containsEntry("ce_type", "dev.shipnotify.order.placed");
        assertThat(read.partition()).isBetween(0, 5);
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameLogDir(@TempDir Path logDir) throws Exception {
        try (KafkaBroker first = KafkaBroker.start(0, 0, logDir, 3)) {
            send(first, new ProducerRecord<>(Topics.DELIVERED, "order-kept", "before restart"));
        }

        try (KafkaBroker second = KafkaBroker.start(0, 0, logDir, 3)) {
            assertThat(new TopicReader(second.bootstrapServers()).readAll(Topics.DELIVERED))
                    .extracting(TopicReader.Record::key, TopicReader.Record::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("order-kept", "before restart"));
        }
    }

    private static void send(KafkaBroker target, ProducerRecord<String, String> record) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }
    }

    private static Admin admin(KafkaBroker target) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers()));
    }
}
