package dev.shipnotify.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderConfig;
import dev.shipnotify.order.OrderEvents;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A broker that cannot be reached leaves rows in the outbox; the next relay that can reach one publishes them. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class OutboxRelayRetryTest {
    private static final String NO_BROKER = "127.0.0.1:1";

    @Inject
    EntityManager em;

    @Inject
    OrderConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Scheduler scheduler;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void keepsTheRowAndCountsTheAttempt_whenTheBrokerIsDown_thenPublishesItOnce() throws Exception {
        String orderId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        OutboxProducer deadBroker = new OutboxProducer(Map.of("bootstrap.servers", NO_BROKER), config, registry);
        OutboxRelay cutOff = new OutboxRelay(em, deadBroker, config, registry);
        scheduler.pause("outbox-relay");
        try {
            await().atMost(Duration.ofSeconds(10)).until(relay::idle);
            insertRow(eventId, orderId);

            cutOff.drain();

            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(
                            "select published_at, attempts, last_error from outbox where id = ?")) {
                query.setObject(1, eventId);
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getTimestamp("published_at")).isNull();
                    assertThat(rs.getInt("attempts")).isEqualTo(1);
                    assertThat(rs.getString("last_error")).isNotBlank();
                }
            }
        } finally {
            scheduler.resume("outbox-relay");
            deadBroker.close();
        }

        TopicReader.Record record = OrderEvents.awaitOrder(orderId);
        assertThat(record.header(CloudEventHeaders.ID)).isEqualTo(eventId.toString());
        assertThat(OrderEvents.recordsWithKey(orderId)).hasSize(1);
    }

    private void insertRow(UUID id, String key) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox (id, topic, message_key, ce_type, payload, created_at)
                        values (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, EventType.ORDER_PLACED.topic());
            insert.setString(3, key);
            insert.setString(4, EventType.ORDER_PLACED.ceType());
            insert.setString(5, json.writeValueAsString(Map.of("schemaVersion", 1, "orderId", key)));
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }
}
