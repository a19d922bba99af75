package dev.shipnotify.order.orders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.Rows;
import dev.shipnotify.order.ShipmentEvents;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class CancelOrderTest {
    private static final String REASON = "The maroon saree is out of stock; your payment will be refunded.";

    @Inject
    Rows rows;

    @Inject
    ObjectMapper json;

    @Test
    void cancelsTheOrder_showsIt_andPublishesOrderCancelledOnce() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();

        merchant.cancel(orderId, REASON).then().statusCode(200)
                .body("id", equalTo(orderId))
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo(REASON))
                .body("cancelledAt", notNullValue());
        merchant.order(orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo(REASON));

        TopicReader.Record record = OrderEvents.awaitRecord(Topics.ORDER_CANCELLED, orderId);
        assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo(EventType.ORDER_CANCELLED.ceType());
        assertThat(record.header(CloudEventHeaders.SUBJECT)).isEqualTo(orderId);
        JsonNode body = json.readTree(record.value());
        assertThat(body.path("orderId").asText()).isEqualTo(orderId);
        assertThat(body.path("merchantId").asText()).isEqualTo(merchant.id());
        assertThat(body.path("reason").asText()).isEqualTo(REASON);
        assertThat(body.path("schemaVersion").asInt()).isEqualTo(1);

        merchant.cancel(orderId, "changed my mind twice").then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo(REASON));
        assertThat(cancellationRows(orderId)).as("a second cancel writes no second event").isEqualTo(1);
        awaitAllPublished(orderId);
        assertThat(OrderEvents.recordsWithKey(Topics.ORDER_CANCELLED, orderId)).hasSize(1);
    }

    @Test
    void cancelsWithoutABody() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();

        merchant.request().when().post("/api/orders/" + orderId + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", nullValue());
        OrderEvents.awaitRecord(Topics.ORDER_CANCELLED, orderId);
    }

    @Test
    void cancelsWithoutABody_whateverContentTypeTheClientLabelsItWith() {
        TestMerchant merchant = TestMerchant.create();

        // REST Assured and axios label a bodiless POST application/x-www-form-urlencoded; curl sends no label.
        for (ContentType label : List.of(ContentType.URLENC, ContentType.TEXT)) {
            String orderId = merchant.placedOrder();
            given().header("Authorization", "Bearer " + merchant.apiKey()).contentType(label)
                    .when().post("/api/orders/" + orderId + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));
        }
    }

    @Test
    void anotherMerchantCannotCancel_itGets404AndNothingChanges() {
        TestMerchant a = TestMerchant.create();
        TestMerchant b = TestMerchant.create();
        String orderOfA = a.placedOrder();

        b.cancel(orderOfA, "mine now").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:not-found"));

        a.order(orderOfA).then().statusCode(200).body("status", equalTo("PLACED"));
        assertThat(cancellationRows(orderOfA)).isZero();
    }

    @Test
    void answers409AndPublishesNothing_onceTheParcelWasDelivered() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        try (EventPublisher events = OrderEvents.publisher()) {
            events.publish(ShipmentEvents.of(orderId, merchant.id(), "shp-" + UUID.randomUUID())
                    .delivered(Instant.now()));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "DELIVERED".equals(merchant.order(orderId).then().extract().path("status")));

        merchant.cancel(orderId, "too late").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:order-not-cancellable"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Order " + orderId + " is DELIVERED; only an order not yet delivered can be "
                        + "cancelled"));

        merchant.order(orderId).then().body("status", equalTo("DELIVERED"));
        assertThat(cancellationRows(orderId)).isZero();
    }

    @Test
    void answers400AndChangesNothing_whenTheReasonIsTooLong() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();

        merchant.cancel(orderId, "x".repeat(501)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        merchant.request().body("{\"reason\": ").when().post("/api/orders/" + orderId + "/cancel")
                .then().statusCode(400).contentType("application/problem+json");

        merchant.order(orderId).then().body("status", equalTo("PLACED"));
        assertThat(cancellationRows(orderId)).isZero();
    }

    @Test
    void keepsLineBreaksInTheReason_butRefusesOtherControlCharacters() {
        TestMerchant merchant = TestMerchant.create();
        String refused = merchant.placedOrder();
        String cancelled = merchant.placedOrder();

        merchant.cancel(refused, "Out of stock\u0000").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        merchant.order(refused).then().body("status", equalTo("PLACED"));

        merchant.cancel(cancelled, "Out of stock.\r\n\tRefund issued.").then().statusCode(200)
                .body("cancellationReason", equalTo("Out of stock.\r\n\tRefund issued."));
    }

    @Test
    void answers404_forAnUnknownOrMalformedId() {
        TestMerchant merchant = TestMerchant.create();

        merchant.cancel(UUID.randomUUID().toString(), null).then().statusCode(404)
                .contentType("application/problem+json");
        merchant.cancel("42", null).then().statusCode(404).contentType("application/problem+json");
    }

    private long cancellationRows(String orderId) {
        return rows.count("select count(*) from outbox where ce_type = '" + EventType.ORDER_CANCELLED.ceType()
                + "' and message_key = ?", orderId);
    }

    private void awaitAllPublished(String orderId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> rows.count(
                "select count(*) from outbox where published_at is null and message_key = ?", orderId) == 0);
    }
}
