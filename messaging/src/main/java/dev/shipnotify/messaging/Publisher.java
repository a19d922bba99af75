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
import java.util.concurrent.CompletableFuture;
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
 * The one Kafka producer of a service, created on first use: {@link Outbox} publishes through it, and so do dead
 * letters and the few events a service sends straight from a consumer or a provider's callback. It is idempotent
 * with {@code acks=all}, whatever {@code kafka.*} says (losing or doubling a record is not an option), compresses
 * and fills batches for throughput, and gives up on a record after {@code messaging.producer.send-timeout}, so a
 * caller can retry instead of waiting Kafka's two minutes. {@link #send} and {@link #sendEach} hand a whole list
 * over (it leaves in one batch per partition) and return once the broker answered for every record.
 */
@ApplicationScoped
public class Publisher {
    private final Map<String, Object> kafka;
    private final String service;
    private final MeterRegistry metrics;
    private final Duration sendTimeout;
    private KafkaProducer<String, byte[]> producer;

    public Publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String service, MeterRegistry metrics,
            @ConfigProperty(name = "messaging.producer.send-timeout", defaultValue = "10s") Duration sendTimeout) {
        this.kafka = Map.copyOf(kafka);
        this.service = service;
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
    }

    /** Adds a UTF-8 header; answers the record. */
    public static ProducerRecord<String, byte[]> header(ProducerRecord<String, byte[]> record, String name,
            String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends them all and returns once the broker took every one; throws if any was not taken. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        for (Exception outcome : sendEach(records)) {
            if (outcome != null) {
                throw new IllegalStateException("the broker did not take the records", outcome);
            }
        }
    }

    /**
     * Sends them all and answers, per record in order, null if the broker took it or why not. Records
     * of one key go to one partition in this order; a record after a refused one of its key may still be taken.
     */
    public List<Exception> sendEach(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        List<Exception> outcomes = new ArrayList<>(records.size());
        KafkaProducer<String, byte[]> producer = producer();
        RuntimeException refused = null;
        for (ProducerRecord<String, byte[]> record : records) {
            if (refused != null) {
                // The producer refused one at once (no metadata within max.block.ms): it would refuse the rest
                // after as long a wait each.
                sends.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            try {
                sends.add(producer.send(record));
            } catch (RuntimeException e) {
                refused = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        // No flush(): it waits for every record of the producer, without a bound, and a broker that comes back
        // after an outage can leave it waiting; the linger sends the list as one batch anyway.
        long deadline = System.nanoTime() + sendTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes.add(null);
            } catch (ExecutionException e) {
                outcomes.add(e.getCause() instanceof Exception cause ? cause : e);
            } catch (TimeoutException e) {
                outcomes.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-publisher");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            // A list handed over at once leaves in as few requests as its partitions need.
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
            settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            int timeout = (int) sendTimeout.toMillis();
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeout / 2));
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
