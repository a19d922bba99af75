package dev.shipnotify.notification.inbox;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.notification.NotificationConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Ends the wait of events whose order never came: after {@code notification.parked.max-wait} each goes, byte for
 * byte, to its topic's dead-letter topic ({@code <topic>.notification-service.dlq}) with the reason and where it
 * came from, in the headers SmallRye's dead-letter strategy uses, and only then leaves {@code parked_event}.
 * Rows are claimed with {@code SKIP LOCKED}, so replicas share the work; a process that dies between the broker's
 * ack and the commit sends that event to the dead-letter topic once more.
 */
@ApplicationScoped
public class ParkedEventsExpiry {
    private static final int BATCH = 100;
    private static final String GROUP = "notification-service";

    private final Duration maxWait;
    private final Map<String, Object> kafka;
    private KafkaProducer<String, byte[]> producer;

    public ParkedEventsExpiry(NotificationConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.maxWait = config.parked().maxWait();
        this.kafka = Map.copyOf(kafka);
    }

    @Scheduled(identity = "parked-events-expiry", every = "${notification.parked.check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            expire(Instant.now());
        } catch (RuntimeException e) {
            Log.warnf("Parked events past their wait stay until the next check: %s", e.toString());
        }
    }

    /** Dead-letters every event parked before {@code now - max-wait}; answers how many. */
    public int expire(Instant now) {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> expireBatch(now));
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int expireBatch(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        SELECT event_id, order_id, event_type, topic, kafka_partition, kafka_offset, body, parked_at
                        FROM parked_event WHERE parked_at < :before ORDER BY parked_at LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .setParameter("before", now.minus(maxWait))
                .setParameter("limit", BATCH)
                .getResultList();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Object[] row : rows) {
            sends.add(producer().send(deadLetter(row)));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic did not take the expired events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        }
        for (Object[] row : rows) {
            Panache.getEntityManager().createNativeQuery("DELETE FROM parked_event WHERE event_id = :id")
                    .setParameter("id", row[0]).executeUpdate();
            Log.warnf("Dead-lettered event %s (%s-%s@%s): order %s did not arrive within %s", row[0], row[3], row[4],
                    row[5], row[1], maxWait);
        }
        return rows.size();
    }

    private ProducerRecord<String, byte[]> deadLetter(Object[] row) {
        String topic = (String) row[3];
        String orderId = (String) row[1];
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic + "." + GROUP + ".dlq", orderId,
                (byte[]) row[6]);
        header(record, "dead-letter-reason", "order " + orderId + " did not arrive within " + maxWait);
        header(record, "dead-letter-topic", topic);
        header(record, "dead-letter-partition", row[4].toString());
        header(record, "dead-letter-offset", row[5].toString());
        header(record, CloudEventHeaders.ID, (String) row[0]);
        header(record, CloudEventHeaders.TYPE, EventType.valueOf((String) row[2]).ceType());
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-service-parked-expiry");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
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
