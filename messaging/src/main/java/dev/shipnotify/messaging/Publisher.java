package dev.shipnotify.messaging;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes records to Kafka outside the outbox: dead letters, and the few events a service publishes straight from a
 * consumer or a provider's callback. {@link #send} hands the whole list to one idempotent producer ({@code acks=all})
 * and returns once the broker took every record, so a caller marks its work done only after the records are safe.
 * One producer per service, created on first use.
 */
@ApplicationScoped
public class Publisher {
    private final Map<String, Object> kafka;
    private final String service;
    private final MeterRegistry metrics;
    private KafkaProducer<String, byte[]> producer;

    public Publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String service, MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.service = service;
        this.metrics = metrics;
    }

    /** Adds a UTF-8 header; answers the record. */
    public static ProducerRecord<String, byte[]> header(ProducerRecord<String, byte[]> record, String name,
            String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends them all and returns once the broker took every one; throws if any was not taken. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
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
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-publisher");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
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
