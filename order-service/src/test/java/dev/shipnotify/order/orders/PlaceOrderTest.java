package dev.shipnotify.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.EventSchemas;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.Rows;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class PlaceOrderTest {

    @Inject
    ObjectMapper json;

    @Inject
    Rows rows;

    @Test
    void answers201WithTheOrderAndItsLocation_whenTheOrderIsValid() {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder();

        Response created = merchant.placeOrder(order);

        created.then().statusCode(201)
                .contentType("application/json")
                .header("Location", endsWith("/api/orders/" + created.path("id")))
                .body("status", equalTo("PLACED"))
                .body("merchantId", equalTo(merchant.id()))
                .body("customer.email", equalTo(order.email()))
                .body("customer.phone", equalTo(order.at("customer.phone").asText()))
                .body("customer.consent.whatsapp", equalTo(true))
                .body("items", hasSize(2))
                .body("items[1].quantity", equalTo(2))
                .body("items[1].unitPrice.amount", equalTo("899.00"))
                .body("total.amount", equalTo("6797.00"))
                .body("total.currency", equalTo("INR"))
                .body("shippingAddress.postcode", equalTo("560034"));
        assertThat(Instant.parse(created.path("createdAt"))).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(rows.orders(merchant.id())).isEqualTo(1);
        assertThat(rows.customers(merchant.id())).isEqualTo(1);
        assertThat(rows.lineItems(merchant.id())).isEqualTo(2);
    }

    @Test
    void getAnswersTheSameBodyAsCreate() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        Response created = merchant.placeOrder(OrderJson.anOrder().set("items[0].unitPrice.amount", "4999"));
        created.then().statusCode(201);

        String fetched = merchant.request().when().get("/api/orders/" + created.path("id"))
                .then().statusCode(200).contentType("application/json")
                .extract().asString();

        assertThat(json.readTree(fetched)).isEqualTo(json.readTree(created.asString()));
        assertThat(json.readTree(fetched).at("/items/0/unitPrice/amount").asText()).isEqualTo("4999.00");
    }

    @Test
    void orderPlacedCarriesTheTraceOfThePlacingRequest() {
        TestMerchant merchant = TestMerchant.create();
        String traceId = java.util.UUID.randomUUID().toString().replace("-", "");

        String orderId = merchant.request().header(CloudEventHeaders.TRACE_PARENT, "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(OrderJson.anOrder().json()).when().post("/api/orders").then().statusCode(201).extract().path("id");

        assertThat(OrderEvents.awaitOrder(orderId).header(CloudEventHeaders.TRACE_PARENT))
                .as("the same trace, the request's own span").matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void publishesOrderPlacedKeyedByOrderIdWithCloudEventsHeaders() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder();
        String orderId = merchant.placeOrder(order).then().statusCode(201).extract().path("id");

        TopicReader.Record record = OrderEvents.awaitOrder(orderId);

        assertThat(record.key()).isEqualTo(orderId);
        assertThat(record.header(CloudEventHeaders.ID)).isNotBlank();
        assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo(EventType.ORDER_PLACED.ceType());
        assertThat(record.header(CloudEventHeaders.SOURCE)).isEqualTo("/order-service");
        assertThat(record.header(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(record.header(CloudEventHeaders.SUBJECT)).isEqualTo(orderId);
        assertThat(record.header(CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(Instant.parse(record.header(CloudEventHeaders.TIME))).isCloseTo(Instant.now(),
                within(1, ChronoUnit.MINUTES));
        assertThat(EventSchemas.of(EventType.ORDER_PLACED).validate(json.readTree(record.value()))).isEmpty();

        OrderPlaced event = json.readValue(record.value(), OrderPlaced.class);
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.merchantId()).isEqualTo(merchant.id());
        assertThat(event.merchant().name()).isEqualTo(merchant.name());
        assertThat(event.merchant().brandColor()).isEqualTo("#C2410C");
        assertThat(event.merchant().whatsappPhoneNumberId()).isEqualTo("106540352242922");
        assertThat(event.customer().email()).isEqualTo(order.email());
        assertThat(event.customer().locale()).isEqualTo("hi-IN");
        assertThat(event.customer().timeZone()).isEqualTo("Asia/Kolkata");
        assertThat(event.customer().consent()).isEqualTo(new OrderPlaced.Consent(true, true));
        assertThat(event.items()).extracting(OrderPlaced.Item::quantity).containsExactly(1, 2);
        assertThat(event.items().get(0).unitPrice().amount()).isEqualByComparingTo(new BigDecimal("4999.00"));
        assertThat(event.total().amount()).isEqualTo(new BigDecimal("6797.00"));
        assertThat(event.shipping()).isEqualTo(new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
        assertThat(OrderEvents.recordsWithKey(orderId)).hasSize(1);
    }

    @Test
    void createsOneOrderPerRequest_withoutIdempotencyKey() {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder();

        String first = merchant.placeOrder(order).then().statusCode(201).extract().path("id");
        String second = merchant.placeOrder(order).then().statusCode(201).extract().path("id");

        assertThat(first).isNotEqualTo(second);
        assertThat(rows.orders(merchant.id())).isEqualTo(2);
        OrderEvents.awaitOrder(first);
        OrderEvents.awaitOrder(second);
    }
}
