package dev.shipnotify.notification.inbox;

import static dev.shipnotify.notification.testing.Shipments.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.notification.testing.EventsAndWhatsApp;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.Shipments;
import dev.shipnotify.notification.testing.WhatsAppProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every consumer of the service rewound to offset 0 reads every event again, and no shopper hears anything twice.
 * In its own application, so the broker holds only this test's events and their count is known.
 */
@QuarkusTest
@TestProfile(ReplayTest.OwnBroker.class)
class ReplayTest extends EventsAndWhatsApp {

    public static class OwnBroker extends WhatsAppProfile {
    }

    static final List<String> TOPICS = List.of("order-placed", "order-cancelled", "shipment-updated", "delivered",
            "review-requested", "merchant-keys");

    @Inject
    KafkaClientService kafka;

    @Inject
    MeterRegistry meters;

    @Test
    void replayingEveryTopicFromOffsetZero_sendsNothingNew() {
        List<OrderPlaced> orders = List.of(Orders.anOrder().build(), Orders.anOrder().locale("te-IN").build());
        for (OrderPlaced order : orders) {
            String shipmentId = UUID.randomUUID().toString();
            events.publish(order);
            events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
            events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));
            events.publish(Shipments.delivered(order, shipmentId));
        }
        for (OrderPlaced order : orders) {
            await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 4
                    && whatsapp.messagesTo(order.customer().phone()).size() == 4);
        }
        long notifications = notificationRows();
        TopicReader topics = new TopicReader(bootstrapServers);
        int records = TOPICS.stream().mapToInt(topic -> topics.readAll(topic).size()).sum();
        assertThat(records).isEqualTo(8);
        double duplicatesBefore = duplicates();

        for (String channel : TOPICS) {
            KafkaConsumer<String, byte[]> consumer = kafka.getConsumer(channel);
            consumer.runOnPollingThread(c -> {
                c.seekToBeginning(c.assignment());
            }).await().indefinitely();
        }

        await().atMost(DELIVERY).until(() -> duplicates() - duplicatesBefore == records);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> orders.stream().allMatch(order ->
                mailbox.messagesTo(order.customer().email()).size() == 4
                        && whatsapp.messagesTo(order.customer().phone()).size() == 4));
        assertThat(notificationRows()).isEqualTo(notifications);
    }

    private double duplicates() {
        return meters.find("events_consumed").tag("outcome", "duplicate").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static long notificationRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM notification").getSingleResult()).longValue());
    }
}
