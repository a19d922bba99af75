package dev.shipnotify.order.shipments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.ShipmentEvents;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** order-service follows each order through the shipment topics, on the real broker. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class ShipmentStateTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));

    private EventPublisher events;
    private TestMerchant merchant;

    @BeforeEach
    void setUp() {
        events = OrderEvents.publisher();
        merchant = TestMerchant.create();
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void showsTheOrderShipped_thenOutForDelivery_thenDelivered() {
        String orderId = merchant.placedOrder();
        ShipmentEvents shipment = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());

        events.publish(shipment.updated(ShipmentStatus.IN_TRANSIT, T0));
        JsonPath shipped = awaitOrder(orderId, o -> "SHIPPED".equals(o.getString("status")));
        assertThat(shipped.getString("latestShipmentStatus")).isEqualTo("IN_TRANSIT");
        assertThat(shipped.getString("shipments[0].shipmentId")).isEqualTo(shipment.shipmentId());
        assertThat(shipped.getString("shipments[0].carrier")).isEqualTo("Delhivery");
        assertThat(shipped.getString("shipments[0].statusAt")).isEqualTo(T0.toString());
        assertThat(shipped.getString("shipments[0].trackingUrl")).endsWith(shipment.shipmentId());

        events.publish(shipment.updated(ShipmentStatus.OUT_FOR_DELIVERY, T0.plusSeconds(3600)));
        awaitOrder(orderId, o -> "OUT_FOR_DELIVERY".equals(o.getString("status")));

        events.publish(shipment.delivered(T0.plusSeconds(7200)));
        JsonPath delivered = awaitOrder(orderId, o -> "DELIVERED".equals(o.getString("status")));
        assertThat(delivered.getString("latestShipmentStatus")).isEqualTo("DELIVERED");
        assertThat(delivered.getList("shipments")).hasSize(1);
    }

    @Test
    void aLateScanOrARepeatedEventChangesNothing() {
        String orderId = merchant.placedOrder();
        ShipmentEvents first = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());
        ShipmentEvents second = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());
        String outForDelivery = events.publish(first.updated(ShipmentStatus.OUT_FOR_DELIVERY, T0.plusSeconds(60)));
        awaitOrder(orderId, o -> "OUT_FOR_DELIVERY".equals(o.getString("status")));

        events.publish(first.updated(ShipmentStatus.IN_TRANSIT, T0));
        events.publish(first.updated(ShipmentStatus.OUT_FOR_DELIVERY, T0.plusSeconds(60)), outForDelivery);
        // Same key, same partition: once the second shipment shows, the events before it were handled.
        events.publish(second.updated(ShipmentStatus.OUT_FOR_DELIVERY, T0.plusSeconds(30)));
        JsonPath order = awaitOrder(orderId, o -> o.getList("shipments").size() == 2);

        assertThat(order.getString("status")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(order.getString("shipments.find { it.shipmentId == '%s' }.status".formatted(first.shipmentId())))
                .isEqualTo("OUT_FOR_DELIVERY");
        assertThat(order.getString("latestShipmentStatus")).isEqualTo("OUT_FOR_DELIVERY");
    }

    @Test
    void anOrderInTwoParcelsIsDeliveredWhenBothAre() {
        String orderId = merchant.placedOrder();
        ShipmentEvents saree = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());
        ShipmentEvents dupatta = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());

        events.publish(saree.delivered(T0.plusSeconds(60)));
        events.publish(dupatta.updated(ShipmentStatus.IN_TRANSIT, T0.plusSeconds(120)));
        JsonPath partly = awaitOrder(orderId, o -> o.getList("shipments").size() == 2);
        assertThat(partly.getString("status")).isEqualTo("SHIPPED");
        assertThat(partly.getString("latestShipmentStatus")).isEqualTo("IN_TRANSIT");

        events.publish(dupatta.delivered(T0.plusSeconds(180)));
        awaitOrder(orderId, o -> "DELIVERED".equals(o.getString("status")));
    }

    @Test
    void aParcelSentBackMakesTheOrderReturned() {
        String orderId = merchant.placedOrder();
        ShipmentEvents shipment = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());

        events.publish(shipment.updated(ShipmentStatus.FAILED_ATTEMPT, T0));
        awaitOrder(orderId, o -> "SHIPPED".equals(o.getString("status")));
        events.publish(shipment.updated(ShipmentStatus.RETURNING, T0.plusSeconds(3600)));

        JsonPath returning = awaitOrder(orderId, o -> "RETURNED".equals(o.getString("status")));
        assertThat(returning.getString("latestShipmentStatus")).isEqualTo("RETURNING");
    }

    @Test
    void aCancelledOrderStaysCancelled_andStillShowsItsShipment() {
        String orderId = merchant.placedOrder();
        merchant.cancel(orderId, null).then().statusCode(200);
        ShipmentEvents shipment = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());

        events.publish(shipment.updated(ShipmentStatus.IN_TRANSIT, T0));

        JsonPath order = awaitOrder(orderId, o -> o.getList("shipments").size() == 1);
        assertThat(order.getString("status")).isEqualTo("CANCELLED");
        assertThat(order.getString("latestShipmentStatus")).isEqualTo("IN_TRANSIT");
    }

    @Test
    void deadLettersAnEventForAnOrderItDoesNotKnow_andCarriesOn() {
        String unknownOrder = UUID.randomUUID().toString();
        String eventId = events.publish(ShipmentEvents.of(unknownOrder, merchant.id(), "shp-" + UUID.randomUUID())
                .updated(ShipmentStatus.IN_TRANSIT, T0));

        TopicReader.Record dead = OrderEvents.awaitRecord(Topics.deadLetter(Topics.SHIPMENT_UPDATED, "order-service"),
                unknownOrder);
        assertThat(dead.header("ce_id")).isEqualTo(eventId);
        assertThat(dead.header("dead-letter-reason")).isEqualTo("no order " + unknownOrder);
        assertDeliveredEventsStillFlow();
    }

    @Test
    void anEventForAnUnknownOrderInTheMiddleOfABatch_isDeadLetteredAlone_andTheRestOfTheBatchIsApplied() {
        String before = merchant.placedOrder();
        String after = merchant.placedOrder();
        String unknownOrder = UUID.randomUUID().toString();
        String unknownId = UUID.randomUUID().toString();

        events.publishTogether(Topics.SHIPMENT_UPDATED, 0, List.of(
                events.raw(ShipmentEvents.of(before, merchant.id(), "shp-" + UUID.randomUUID())
                        .updated(ShipmentStatus.IN_TRANSIT, T0), UUID.randomUUID().toString()),
                events.raw(ShipmentEvents.of(unknownOrder, merchant.id(), "shp-" + UUID.randomUUID())
                        .updated(ShipmentStatus.IN_TRANSIT, T0), unknownId),
                events.raw(ShipmentEvents.of(after, merchant.id(), "shp-" + UUID.randomUUID())
                        .updated(ShipmentStatus.IN_TRANSIT, T0), UUID.randomUUID().toString())));

        awaitOrder(before, o -> "SHIPPED".equals(o.getString("status")));
        awaitOrder(after, o -> "SHIPPED".equals(o.getString("status")));
        TopicReader.Record dead = OrderEvents.awaitRecord(Topics.deadLetter(Topics.SHIPMENT_UPDATED, "order-service"),
                unknownOrder);
        assertThat(dead.header("ce_id")).isEqualTo(unknownId);
        assertThat(dead.header("dead-letter-reason")).isEqualTo("no order " + unknownOrder);
        String dlq = Topics.deadLetter(Topics.SHIPMENT_UPDATED, "order-service");
        assertThat(OrderEvents.recordsWithKey(dlq, before)).isEmpty();
        assertThat(OrderEvents.recordsWithKey(dlq, after)).isEmpty();
    }

    @Test
    void deadLettersAnEventThatNamesAnotherMerchant() {
        String orderId = merchant.placedOrder();
        String otherMerchant = UUID.randomUUID().toString();
        events.publish(ShipmentEvents.of(orderId, otherMerchant, "shp-" + UUID.randomUUID())
                .updated(ShipmentStatus.IN_TRANSIT, T0));

        TopicReader.Record dead = OrderEvents.awaitRecord(Topics.deadLetter(Topics.SHIPMENT_UPDATED, "order-service"),
                orderId);
        assertThat(dead.header("dead-letter-reason")).contains("another merchant");
        merchant.order(orderId).then().statusCode(200).body("status", equalTo("PLACED")).body("shipments", hasSize(0));
    }

    @Test
    void deadLettersABodyThatIsNotADeliveredEvent_andCarriesOn() {
        String orderId = merchant.placedOrder();
        String eventId = UUID.randomUUID().toString();
        events.publishRaw(Topics.DELIVERED, orderId, "{\"orderId\": \"%s\"}".formatted(orderId)
                .getBytes(StandardCharsets.UTF_8), EventPublisher.cloudEventHeaders(EventType.SHIPMENT_DELIVERED,
                eventId, orderId));

        TopicReader.Record dead = OrderEvents.awaitRecord(Topics.deadLetter(Topics.DELIVERED, "order-service"),
                orderId);
        assertThat(dead.header("ce_id")).isEqualTo(eventId);
        assertThat(dead.header("dead-letter-reason")).startsWith("invalid delivered body:");
        ShipmentEvents shipment = ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID());
        events.publish(shipment.delivered(T0));
        awaitOrder(orderId, o -> "DELIVERED".equals(o.getString("status")));
    }

    private void assertDeliveredEventsStillFlow() {
        String orderId = merchant.placedOrder();
        events.publish(ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID())
                .updated(ShipmentStatus.IN_TRANSIT, T0));
        awaitOrder(orderId, o -> "SHIPPED".equals(o.getString("status")));
    }

    private JsonPath awaitOrder(String orderId, Predicate<JsonPath> condition) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> merchant.order(orderId).then().statusCode(200).extract().jsonPath(), condition::test);
    }
}
