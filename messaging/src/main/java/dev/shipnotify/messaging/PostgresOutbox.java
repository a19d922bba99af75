package dev.shipnotify.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox of a PostgreSQL service ({@code messaging.outbox.store=postgresql}): the {@code outbox} table. Events
 * are added in the transaction of the change they report, so they exist if and only if it commits; its commit wakes
 * {@link Outbox}. A claim is one statement (no transaction stays open while the claim is sent): it leases the
 * oldest waiting rows ({@code FOR UPDATE SKIP LOCKED}, so concurrent claims never wait for each other) whose key
 * has no earlier row waiting outside the claim. Published rows are kept for {@code messaging.outbox.retention}.
 */
@ApplicationScoped
@IfBuildProperty(name = "messaging.outbox.store", stringValue = "postgresql")
public class PostgresOutbox implements OutboxStore {
    private static final String ADD = """
            INSERT INTO outbox (id, topic, message_key, ce_type, payload, created_at, trace_parent)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])""";
    private static final String CLAIM = """
            WITH candidates AS (
                SELECT id, seq, message_key FROM outbox
                WHERE published_at IS NULL AND (leased_until IS NULL OR leased_until < now())
                ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
            UPDATE outbox o SET lease_token = ?::uuid, leased_until = now() + ? * interval '1 millisecond'
            FROM candidates c
            WHERE o.id = c.id AND NOT EXISTS (
                SELECT 1 FROM outbox e
                WHERE e.message_key = c.message_key AND e.published_at IS NULL AND e.seq < c.seq
                  AND e.id NOT IN (SELECT id FROM candidates))
            RETURNING o.seq, o.id, o.ce_type, o.topic, o.message_key, o.payload, o.created_at, o.trace_parent""";
    private static final String SETTLE = """
            UPDATE outbox SET attempts = attempts + 1,
                published_at = CASE WHEN id = ANY(?::uuid[]) THEN now() ELSE published_at END,
                last_error = CASE WHEN id = ANY(?::uuid[]) THEN NULL ELSE ? END,
                leased_until = CASE WHEN lease_token = ?::uuid THEN NULL ELSE leased_until END,
                lease_token = CASE WHEN lease_token = ?::uuid THEN NULL ELSE lease_token END
            WHERE id = ANY(?::uuid[])""";
    private static final String PURGE = "DELETE FROM outbox WHERE published_at < ?";

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Outbox outbox;

    public PostgresOutbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, Outbox outbox) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** Adds the events in the caller's transaction (there must be one) and wakes the outbox once it commits. */
    public void add(List<OutboxEvent> events) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("outbox events are added in the transaction of the change they report");
        }
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(ADD)) {
            insert.setArray(1, connection.createArrayOf("text", events.stream().map(OutboxEvent::id).toArray()));
            insert.setArray(2, connection.createArrayOf("text", events.stream().map(OutboxEvent::topic).toArray()));
            insert.setArray(3, connection.createArrayOf("text", events.stream().map(OutboxEvent::key).toArray()));
            insert.setArray(4, connection.createArrayOf("text", events.stream().map(OutboxEvent::ceType).toArray()));
            insert.setArray(5, connection.createArrayOf("text", events.stream().map(OutboxEvent::payload).toArray()));
            insert.setArray(6, connection.createArrayOf("timestamptz",
                    events.stream().map(e -> Timestamp.from(e.createdAt())).toArray()));
            insert.setArray(7, connection.createArrayOf("text",
                    events.stream().map(OutboxEvent::traceParent).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add " + events.size() + " events to the outbox", e);
        }
        if (transactions.getResource(PostgresOutbox.class) == null) {
            transactions.putResource(PostgresOutbox.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        outbox.written(List.of());
                    }
                }
            });
        }
    }

    @Override
    public Claim claim(Collection<String> holders, int limit, Duration lease) {
        String token = UUID.randomUUID().toString();
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, limit);
            claim.setString(2, token);
            claim.setLong(3, lease.toMillis());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), new OutboxEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim outbox rows", e);
        }
        rows.sort(Comparator.comparingLong(Row::seq));
        return new Claim(rows.stream().map(Row::event).toList(), token);
    }

    @Override
    public void settle(Claim claim, Set<String> published, String error) {
        if (claim.isEmpty()) {
            return;
        }
        String reason = error == null ? "not sent" : error.length() > 1000 ? error.substring(0, 1000) : error;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement settle = connection.prepareStatement(SETTLE)) {
            Object[] done = published.toArray();
            settle.setArray(1, connection.createArrayOf("text", done));
            settle.setArray(2, connection.createArrayOf("text", done));
            settle.setString(3, reason);
            settle.setString(4, (String) claim.lease());
            settle.setString(5, (String) claim.lease());
            settle.setArray(6, connection.createArrayOf("text", claim.events().stream().map(OutboxEvent::id).toArray()));
            settle.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot settle " + claim.events().size() + " outbox rows", e);
        }
    }

    @Override
    public int purge(Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setTimestamp(1, Timestamp.from(before));
            return purge.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete published outbox rows", e);
        }
    }

    private record Row(long seq, OutboxEvent event) {
    }
}
