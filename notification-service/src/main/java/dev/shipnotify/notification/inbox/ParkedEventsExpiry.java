package dev.shipnotify.notification.inbox;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.DeadLetters;
import dev.shipnotify.messaging.EventEnvelope;
import dev.shipnotify.notification.NotificationConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Ends the wait of events whose order never came: after {@code notification.parked.max-wait} each goes, byte for
 * byte, to its topic's dead-letter topic ({@code <topic>.notification-service.dlq}, {@link DeadLetters}) with the reason and
 * where it came from, and only then leaves {@code parked_event}.
 * Its id leaves the log of handled events at the same time, since it was never applied: replayed from the dead-letter
 * topic after its order arrived (ops-console's replay), it is handled like a new event, once.
 * Rows are claimed with {@code SKIP LOCKED}, so replicas share the work; a process that dies between the broker's
 * ack and the commit sends that event to the dead-letter topic once more.
 */
@ApplicationScoped
public class ParkedEventsExpiry {
    private static final int BATCH = 100;

    private final Duration maxWait;
    private final DeadLetters deadLetters;

    public ParkedEventsExpiry(NotificationConfig config, DeadLetters deadLetters) {
        this.maxWait = config.parked().maxWait();
        this.deadLetters = deadLetters;
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
        if (rows.isEmpty()) {
            return 0;
        }
        deadLetters.send(rows.stream().map(this::deadLetter).toList());
        String[] ids = rows.stream().map(row -> (String) row[0]).toArray(String[]::new);
        Panache.getEntityManager().createNativeQuery("DELETE FROM parked_event WHERE event_id = ANY(:ids)")
                .setParameter("ids", ids).executeUpdate();
        // Not applied after all: a replay of the dead letter, once its order is known, is a first delivery.
        Panache.getEntityManager().createNativeQuery("DELETE FROM processed_event WHERE event_id = ANY(:ids)")
                .setParameter("ids", ids).executeUpdate();
        for (Object[] row : rows) {
            Log.warnf("Dead-lettered event %s (%s-%s@%s): order %s did not arrive within %s", row[0], row[3], row[4],
                    row[5], row[1], maxWait);
        }
        return rows.size();
    }

    private ProducerRecord<String, byte[]> deadLetter(Object[] row) {
        String orderId = (String) row[1];
        EventEnvelope event = new EventEnvelope((String) row[0], EventType.valueOf((String) row[2]), null, orderId,
                orderId, (String) row[3], ((Number) row[4]).intValue(), ((Number) row[5]).longValue(),
                (byte[]) row[6], null);
        return deadLetters.of(event, "order " + orderId + " did not arrive within " + maxWait);
    }
}
