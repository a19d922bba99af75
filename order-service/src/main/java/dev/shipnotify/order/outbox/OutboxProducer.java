package dev.shipnotify.order.outbox;

import dev.shipnotify.order.OrderConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's Kafka producer: the connection settings Quarkus collects under {@code kafka.*}, plus what the outbox
 * needs and must not lose to a default: {@code acks=all} and idempotence, or a broker failover could drop or
 * duplicate events. Created on first use, closed on shutdown.
 */
@ApplicationScoped
public class OutboxProducer {
    private final Map<String, Object> kafka;
    private final OrderConfig.Outbox config;
    private final MeterRegistry metrics;
    private Producer<String, String> producer;

    public OutboxProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, OrderConfig config,
            MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.config = config.outbox();
        this.metrics = metrics;
    }

    synchronized Producer<String, String> get() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings(), new StringSerializer(), new StringSerializer());
            // Records sent per topic (kafka_producer_topic_record_send_total), among the client's own metrics.
            new KafkaClientMetrics(producer).bindTo(metrics);
        }
        return producer;
    }

    Map<String, Object> settings() {
        int sendTimeout = (int) config.sendTimeout().toMillis();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "order-service-outbox");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A batch fails within sendTimeout instead of Kafka's two minutes, so the relay can retry while rows wait.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, sendTimeout / 2));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, sendTimeout / 2));
        return settings;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
