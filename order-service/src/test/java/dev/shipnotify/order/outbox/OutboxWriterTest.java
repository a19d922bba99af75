package dev.shipnotify.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.order.OrderEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class OutboxWriterTest {

    @Inject
    OutboxWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Test
    void publishesAnEventWrittenThroughTheWriter_once() {
        String orderId = UUID.randomUUID().toString();

        String eventId = QuarkusTransaction.requiringNew().call(() -> writer.write(EventType.ORDER_PLACED, orderId,
                event(orderId), Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        TopicReader.Record record = OrderEvents.awaitOrder(orderId);
        assertThat(record.header(CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(record.header(CloudEventHeaders.SOURCE)).isEqualTo("/order-service");
        awaitPublished(eventId);
        assertThat(OrderEvents.recordsWithKey(orderId)).hasSize(1);
    }

    @Test
    void publishesRightAfterTheCommit_withoutWaitingForThePoll() {
        // The test profile polls once an hour: only the commit can have woken the outbox.
        String orderId = UUID.randomUUID().toString();

        QuarkusTransaction.requiringNew().run(() -> writer.write(EventType.ORDER_PLACED, orderId, event(orderId),
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        OrderEvents.awaitOrder(orderId);
    }

    @Test
    void thePollPublishesARowCommittedWithoutANudge_asRowsLeftByACrashedInstance() throws Exception {
        String orderId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        insertRow(eventId, orderId, json.writeValueAsString(event(orderId)));

        outbox.drain();

        TopicReader.Record record = OrderEvents.awaitOrder(orderId);
        assertThat(record.header(CloudEventHeaders.ID)).isEqualTo(eventId.toString());
        assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo(EventType.ORDER_PLACED.ceType());
        awaitPublished(eventId.toString());
        assertThat(OrderEvents.recordsWithKey(orderId)).hasSize(1);
    }

    @Test
    void publishesNothing_whenTheWritingTransactionFails() {
        String orderId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            writer.write(EventType.ORDER_PLACED, orderId, event(orderId), Instant.now());
            throw new IllegalStateException("the change failed after the event was written");
        })).hasMessageContaining("the change failed");
        String committed = QuarkusTransaction.requiringNew().call(() -> writer.write(EventType.ORDER_PLACED, orderId,
                event(orderId), Instant.now()));

        OrderEvents.awaitOrder(orderId);
        assertThat(OrderEvents.recordsWithKey(orderId)).extracting(r -> r.header(CloudEventHeaders.ID))
                .containsExactly(committed);
    }

    @Test
    void keepsTheWriteOrderOfOneKey() throws Exception {
        String orderId = UUID.randomUUID().toString();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String body = json.writeValueAsString(event(orderId));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (UUID id : ids) {
                insertRow(connection, id, orderId, body);
            }
            connection.commit();
        }
        outbox.drain();

        List<TopicReader.Record> records = new TopicReader(kafka())
                .awaitRecords("order-placed", r -> orderId.equals(r.key()), ids.size(), Duration.ofSeconds(15));
        assertThat(records).extracting(r -> r.header(CloudEventHeaders.ID))
                .containsExactly(ids.stream().map(UUID::toString).toArray(String[]::new));
        assertThat(records).extracting(TopicReader.Record::partition).containsOnly(records.get(0).partition());
    }

    @Test
    void aFullDrainRepublishesNothing() {
        String orderId = UUID.randomUUID().toString();
        String eventId = QuarkusTransaction.requiringNew().call(() -> writer.write(EventType.ORDER_PLACED, orderId,
                event(orderId), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitPublished(eventId);

        // What a restart does first: a full drain of the table.
        outbox.drain();
        String later = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> writer.write(EventType.ORDER_PLACED, later, event(later),
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        OrderEvents.awaitOrder(later);

        assertThat(OrderEvents.recordsWithKey(orderId)).extracting(r -> r.header(CloudEventHeaders.ID))
                .containsExactly(eventId);
    }

    @Test
    void refusesABodyThatIsNotTheEventsRecord() {
        String orderId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                .run(() -> writer.write(EventType.SHIPMENT_DELIVERED, orderId, event(orderId), Instant.now())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void awaitPublished(String eventId) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "select published_at, attempts from outbox where id = ?")) {
                statement.setObject(1, UUID.fromString(eventId));
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getTimestamp(1)).isNotNull();
                    assertThat(rs.getInt(2)).isEqualTo(1);
                }
            }
        });
    }

    private void insertRow(UUID id, String key, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertRow(connection, id, key, payload);
        }
    }

    private static void insertRow(Connection connection, UUID id, String key, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox (id, topic, message_key, ce_type, payload, created_at)
                values (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, EventType.ORDER_PLACED.topic());
            insert.setString(3, key);
            insert.setString(4, EventType.ORDER_PLACED.ceType());
            insert.setString(5, payload);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static OrderPlaced event(String orderId) {
        Money price = new Money(new BigDecimal("499.00"), "INR");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderId, UUID.randomUUID().toString(), Instant.now(),
                new OrderPlaced.Merchant("Relay Test Shop", null, "orders@relay.example", null, null, null, null, "en",
                        null),
                new OrderPlaced.Customer("Asha", "asha@example.com", null, "en-IN", "Asia/Kolkata",
                        new OrderPlaced.Consent(true, false)),
                List.of(new OrderPlaced.Item("SKU-1", "Thing", 1, price, null)), price,
                new OrderPlaced.Shipping("Pune", "411001", "IN"));
    }
}
