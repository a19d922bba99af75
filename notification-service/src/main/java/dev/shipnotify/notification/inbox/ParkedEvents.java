package dev.shipnotify.notification.inbox;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.messaging.EventEnvelope;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Events about an order not known yet, kept as they came (id, type, where they sat on the broker, body) until
 * the order arrives. Parking and releasing happen inside the caller's transaction, next to the event's other
 * effects, so an event is applied once whichever comes first. The batch's lock on the record key (the order id, taken by
 * the messaging module's inbox) serialises every transaction that looks up or stores this order: an event is never
 * parked while its order is being stored.
 */
@ApplicationScoped
public class ParkedEvents {

    @Transactional(Transactional.TxType.MANDATORY)
    public void park(EventEnvelope event, String orderId) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO parked_event (event_id, order_id, event_type, topic, kafka_partition, kafka_offset, body,
                                          parked_at)
                VALUES (:id, :orderId, :type, :topic, :partition, :offset, :body, :now)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("id", event.id())
                .setParameter("orderId", orderId)
                .setParameter("type", event.type().name())
                .setParameter("topic", event.topic())
                .setParameter("partition", event.partition())
                .setParameter("offset", event.offset())
                .setParameter("body", event.body())
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    /** Those of these orders that events wait for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> ordersWaiting(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> waiting = Panache.getEntityManager()
                .createNativeQuery("SELECT DISTINCT order_id FROM parked_event WHERE order_id = ANY(:ids)")
                .setParameter("ids", orderIds.toArray(String[]::new)).getResultList();
        return Set.copyOf(waiting);
    }

    /** Removes and answers the events of this type parked for this order, in the order they were parked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EventEnvelope> release(String orderId, EventType... types) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                WITH released AS (
                    DELETE FROM parked_event WHERE order_id = :orderId AND event_type IN (:types)
                    RETURNING event_id, event_type, topic, kafka_partition, kafka_offset, body, parked_at)
                SELECT event_id, event_type, topic, kafka_partition, kafka_offset, body FROM released
                ORDER BY parked_at, kafka_offset""")
                .setParameter("orderId", orderId)
                .setParameter("types", Arrays.stream(types).map(EventType::name).toList())
                .getResultList();
        return rows.stream()
                .map(r -> new EventEnvelope((String) r[0], EventType.valueOf((String) r[1]), null, orderId, orderId,
                        (String) r[2], ((Number) r[3]).intValue(), ((Number) r[4]).longValue(), (byte[]) r[5], null))
                .toList();
    }
}
