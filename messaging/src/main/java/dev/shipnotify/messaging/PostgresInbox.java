package dev.shipnotify.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The inbox of a PostgreSQL service: a batch is applied in one transaction that first takes, in one statement and in
 * a fixed order, a lock per record key (the order id), then records every event id of the batch in
 * {@code processed_event} with one set-based insert, and hands the handler only the events that insert took: a
 * redelivery, a rebalance or a replay from offset 0 changes nothing. The effects and the ids commit together.
 *
 * <p>The key locks ({@code pg_advisory_xact_lock(hashtext(key))}, held until the commit) serialise, per order, the
 * batches of this service's channels and instances: an order's {@code order-placed} and a shipment event about it,
 * consumed side by side, never miss each other. Taken sorted, they cannot deadlock.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class PostgresInbox implements Inbox {
    private static final String LOCK_KEYS = """
            SELECT pg_advisory_xact_lock(h) FROM (
                SELECT DISTINCT hashtext(k) AS h FROM unnest(?::text[]) AS k ORDER BY h) AS locks""";
    private static final String RECORD_IDS = """
            INSERT INTO processed_event (event_id, event_type, topic, kafka_partition, kafka_offset, processed_at)
            SELECT e.id, e.type, e.topic, e.part, e.off, ?
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[]) AS e(id, type, topic, part, off)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";

    private final DataSource dataSource;

    public PostgresInbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<EventEnvelope> apply(List<EventEnvelope> events, BatchHandler handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<EventEnvelope> fresh = claim(events);
            if (!fresh.isEmpty()) {
                handler.apply(fresh);
            }
            return fresh;
        });
    }

    /** Locks the batch's keys and records its ids; answers the events seen for the first time, in batch order. */
    private List<EventEnvelope> claim(List<EventEnvelope> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String[] keys = events.stream().map(EventEnvelope::key).filter(Objects::nonNull).distinct()
                    .toArray(String[]::new);
            try (PreparedStatement lock = connection.prepareStatement(LOCK_KEYS)) {
                lock.setArray(1, connection.createArrayOf("text", keys));
                lock.executeQuery().close();
            }
            Set<String> taken = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(RECORD_IDS)) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setArray(2, array(connection, "text", events.stream().map(EventEnvelope::id).toArray()));
                insert.setArray(3, array(connection, "text",
                        events.stream().map(e -> e.type().ceType()).toArray()));
                insert.setArray(4, array(connection, "text", events.stream().map(EventEnvelope::topic).toArray()));
                insert.setArray(5, array(connection, "int4", events.stream().map(EventEnvelope::partition).toArray()));
                insert.setArray(6, array(connection, "int8", events.stream().map(EventEnvelope::offset).toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        taken.add(rows.getString(1));
                    }
                }
            }
            List<EventEnvelope> fresh = new ArrayList<>(taken.size());
            for (EventEnvelope event : events) {
                if (taken.remove(event.id())) {
                    fresh.add(event);
                }
            }
            return fresh;
        }
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
