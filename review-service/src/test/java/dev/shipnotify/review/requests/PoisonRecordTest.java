package dev.shipnotify.review.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.review.orders.Orders;
import dev.shipnotify.review.testing.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A record no retry can fix leaves its batch alone, for the dead-letter topic; the rest of the batch is kept. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class PoisonRecordTest {

    @Inject
    ObjectMapper json;
    @Inject
    Orders orders;
    @Inject
    ReviewRequests requests;

    @Test
    void aPoisonRecordInTheMiddleOfABatch_isDeadLetteredAlone_onOrderPlacedAndOnDelivered() {
        String merchantId = "merchant-" + UUID.randomUUID();
        OrderPlaced before = Shop.order(merchantId, "SAREE-1");
        OrderPlaced after = Shop.order(merchantId, "DUPATTA-2");

        try (EventPublisher events = new EventPublisher(Shop.bootstrapServers(), json)) {
            String placedPoison = publishAround(events, Topics.ORDER_PLACED, EventType.ORDER_PLACED,
                    events.raw(before, "placed-" + before.orderId()), events.raw(after, "placed-" + after.orderId()));
            await().atMost(Shop.WAIT)
                    .until(() -> orders.find(before.orderId()).isPresent() && orders.find(after.orderId()).isPresent());
            assertDeadLetteredAlone(Topics.ORDER_PLACED, placedPoison, before, after);

            Instant now = Instant.now();
            String deliveredPoison = publishAround(events, Topics.DELIVERED, EventType.SHIPMENT_DELIVERED,
                    events.raw(Shop.delivered(before, now), "delivered-" + before.orderId()),
                    events.raw(Shop.delivered(after, now), "delivered-" + after.orderId()));
            await().atMost(Shop.WAIT)
                    .until(() -> requests.find(before.orderId()) != null && requests.find(after.orderId()) != null);
            assertDeadLetteredAlone(Topics.DELIVERED, deliveredPoison, before, after);
        }
    }

    /** Publishes first, a record that is not JSON, then second, in one batch; answers the poison's event id. */
    private static String publishAround(EventPublisher events, String topic, EventType type, EventPublisher.Raw first,
            EventPublisher.Raw second) {
        String poisonId = UUID.randomUUID().toString();
        events.publishTogether(topic, 0, List.of(first, new EventPublisher.Raw(first.key(),
                "{\"orderId\": oops".getBytes(StandardCharsets.UTF_8),
                EventPublisher.cloudEventHeaders(type, poisonId, first.key())), second));
        return poisonId;
    }

    private static void assertDeadLetteredAlone(String topic, String poisonId, OrderPlaced... applied) {
        String dlq = Topics.deadLetter(topic, "review-service");
        TopicReader.Record dead = new TopicReader(Shop.bootstrapServers())
                .awaitRecord(dlq, r -> poisonId.equals(r.header(CloudEventHeaders.ID)), Shop.WAIT);
        assertThat(dead.header("dead-letter-reason")).startsWith("invalid " + topic + " body:");
        assertThat(new TopicReader(Shop.bootstrapServers()).readAll(dlq)).extracting(r -> r.header(CloudEventHeaders.ID))
                .containsOnlyOnce(poisonId)
                .doesNotContainAnyElementsOf(java.util.Arrays.stream(applied).map(OrderPlaced::orderId)
                        .flatMap(id -> java.util.stream.Stream.of("placed-" + id, "delivered-" + id)).toList());
    }
}
