package dev.shipnotify.notification.inbox;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.parkedFor;
import static dev.shipnotify.notification.testing.NotificationLog.projectionOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * News about an order that never comes waits a bounded time, then reaches the dead-letter topic with the reason; put
 * back on its topic once the order came, it is handled once.
 */
@QuarkusTest
@TestProfile(ParkedEventsExpiryTest.ShortWait.class)
class ParkedEventsExpiryTest {

    /** Waits of 2 s, checked every second. */
    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.parked.max-wait", "PT2S", "notification.parked.check-interval", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalInfraTestResource.class,
                    Map.of("parts", "kafka,postgres", "postgres.database", "notifications")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void newsOfAnOrderThatNeverComes_isDeadLetteredWithTheReason_andWaitsNoMore_andAReplayAfterTheOrderCameCountsOnce() {
        OrderPlaced order = Orders.anOrder().build();
        String orderId = order.orderId();
        String eventId;
        try (EventPublisher events = new EventPublisher(bootstrapServers, json)) {
            eventId = events.publish(new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    orderId, order.merchantId(), "Delhivery", "DL1", ShipmentStatus.OUT_FOR_DELIVERY, null, null,
                    new Checkpoint(Instant.parse("2025-03-17T03:12:00Z"), ShipmentStatus.OUT_FOR_DELIVERY, null, "OFD",
                            "Out for delivery", null), null, null));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> wasProcessed(eventId));

        TopicReader.Record dead = new TopicReader(bootstrapServers).awaitRecord(
                Topics.SHIPMENT_UPDATED + ".notification-service.dlq", r -> orderId.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(dead.header("dead-letter-reason")).isEqualTo("order " + orderId + " did not arrive within PT2S");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(Topics.SHIPMENT_UPDATED);
        assertThat(dead.header(CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(dead.value()).contains(orderId, "OUT_FOR_DELIVERY");
        await().atMost(Duration.ofSeconds(10)).until(() -> parkedFor(orderId) == 0);
        assertThat(wasProcessed(eventId)).as("a dead-lettered event counts as not handled").isFalse();

        // The fix: the order arrives after all. Then the dead letter is put back on its topic twice, as a replay
        // that is retried would: the shopper hears of it once.
        Map<String, String> headers = new HashMap<>(dead.headers());
        headers.keySet().removeIf(name -> name.startsWith("dead-letter-"));
        try (EventPublisher events = new EventPublisher(bootstrapServers, json)) {
            events.publish(order);
            await().atMost(Duration.ofSeconds(30)).until(() -> projectionOf(orderId).isPresent());
            events.publishRaw(Topics.SHIPMENT_UPDATED, orderId, dead.value().getBytes(StandardCharsets.UTF_8),
                    headers);
            events.publishRaw(Topics.SHIPMENT_UPDATED, orderId, dead.value().getBytes(StandardCharsets.UTF_8),
                    headers);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> wasProcessed(eventId));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> notificationsOf(orderId)
                .stream().filter(n -> n.milestone == Milestone.OUT_FOR_DELIVERY).count() == 1);
    }
}
