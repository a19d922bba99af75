package dev.shipnotify.notification;

import dev.shipnotify.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to Kafka outside the messaging channels: events this service publishes ({@code shopper-replied}),
 * and dead letters ({@code <topic>.notification-service.dlq}) that no consumer's failure strategy wrote, such as
 * events that waited too long for their order and messages a provider refused as malformed. Each send waits for the
 * broker's acknowledgement ({@code acks=all}, idempotent), so a caller marks its work done only after the record is
 * safe.
 */
@ApplicationScoped
public class Outbound {
    public static final String GROUP = "notification-service";
    /** The header SmallRye's dead-letter strategy puts the reason in; ops tooling reads it. */
    public static final String REASON = "dead-letter-reason";

    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private KafkaProducer<String, byte[]> producer;

    public Outbound(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.metrics = metrics;
    }

    /** The dead-letter topic of {@code topic} for this service's consumer group. */
    public static String deadLetterTopicOf(String topic) {
        return Topics.deadLetter(topic, GROUP);
    }

    /** Adds a UTF-8 header. */
    public static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends them all and returns once the broker took every one; throws if any was not taken. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            sends.add(producer().send(record));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the records", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to the broker", e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-service-outbound");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
            // Records sent per topic (kafka_producer_topic_record_send_total), among the client's own metrics.
            new KafkaClientMetrics(producer).bindTo(metrics);
        }
        return producer;
    }

    @PreDestroy
    synchronized void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
