package dev.shipnotify.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.Rows;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class InvalidOrderTest {
    private static final String INVALID_REQUEST = "urn:shipnotify:problem:invalid-request";

    @Inject
    Rows rows;

    static Stream<Arguments> badOrders() {
        return Stream.of(
                bad("missing customer.email", "customer.email", o -> o.remove("customer.email")),
                bad("non-E.164 phone", "customer.phone", o -> o.set("customer.phone", "98765 43210")),
                bad("phone without country code", "customer.phone", o -> o.set("customer.phone", "09876543210")),
                bad("invalid email", "customer.email", o -> o.set("customer.email", "priya.example.com")),
                bad("email without a domain dot", "customer.email", o -> o.set("customer.email", "priya@example")),
                bad("quantity 0", "items[1].quantity", o -> o.set("items[1].quantity", 0)),
                bad("quantity as a fraction", "items[0].quantity", o -> o.set("items[0].quantity", 1.5)),
                bad("too many decimals in a string amount", "items[0].unitPrice.amount",
                        o -> o.set("items[0].unitPrice.amount", "499.999")),
                bad("float-ish amount", "items[1].unitPrice.amount",
                        o -> o.set("items[1].unitPrice.amount", 899.0001)),
                bad("decimals for a currency without them", "items[0].unitPrice.amount",
                        o -> o.set("items[0].unitPrice.currency", "JPY").set("items[1].unitPrice.currency", "JPY")
                                .set("items[0].unitPrice.amount", "100.5")),
                bad("negative amount", "items[0].unitPrice.amount", o -> o.set("items[0].unitPrice.amount", "-1.00")),
                bad("amount that is not a number", "items[0].unitPrice.amount",
                        o -> o.set("items[0].unitPrice.amount", "four hundred")),
                bad("two currencies", "items[1].unitPrice.currency", o -> o.set("items[1].unitPrice.currency", "USD")),
                bad("unknown currency", "items[0].unitPrice.currency",
                        o -> o.set("items[0].unitPrice.currency", "XYZ")),
                bad("no items", "items", o -> o.set("items", java.util.List.of())),
                bad("items not a list", "items", o -> o.set("items", "none")),
                bad("quantity as text", "items[0].quantity", o -> o.set("items[0].quantity", "two")),
                bad("consent as text", "customer.consent.email", o -> o.set("customer.consent.email", "yes")),
                bad("missing consent", "customer.consent", o -> o.remove("customer.consent")),
                bad("ill-formed locale", "customer.locale", o -> o.set("customer.locale", "english_india")),
                bad("offset instead of a time zone", "customer.timeZone", o -> o.set("customer.timeZone", "+05:30")),
                bad("unknown country", "shippingAddress.country", o -> o.set("shippingAddress.country", "XX")),
                bad("missing shipping address", "shippingAddress", o -> o.remove("shippingAddress")),
                bad("whatsapp consent without phone", "customer.phone", o -> o.remove("customer.phone")),
                bad("image URL that is not http", "items[0].imageUrl",
                        o -> o.set("items[0].imageUrl", "javascript:alert(1)")),
                bad("sku too long", "items[0].sku", o -> o.set("items[0].sku", "S".repeat(65))),
                bad("NUL in a name, which PostgreSQL cannot store", "customer.name",
                        o -> o.set("customer.name", "Priya\u0000Sharma")),
                bad("control character in an item name", "items[1].name", o -> o.set("items[1].name", "Dupatta\u0007")),
                bad("line break in an address line", "shippingAddress.line1",
                        o -> o.set("shippingAddress.line1", "14, 5th Cross\r\nBcc: everyone@example.com")));
    }

    private static Arguments bad(String what, String field, UnaryOperator<OrderJson> change) {
        return Arguments.of(what, field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void answers400NamingTheField_andStoresAndPublishesNothing(String what, String field,
            UnaryOperator<OrderJson> change) {
        TestMerchant merchant = TestMerchant.create();

        send(merchant, change.apply(OrderJson.anOrder()).json())
                .body("errors.field", hasItem(field));

        assertNothingStoredOrPublished(merchant);
    }

    @Test
    void answers400NamingTheBody_whenTheJsonIsMalformed() {
        TestMerchant merchant = TestMerchant.create();
        String truncated = OrderJson.anOrder().json().substring(0, 60);

        send(merchant, truncated)
                .body("errors[0].field", notNullValue())
                .body("errors[0].message", notNullValue())
                .body("detail", notNullValue());

        assertNothingStoredOrPublished(merchant);
    }

    @Test
    void namesTheFieldWhereTheJsonBreaks() {
        TestMerchant merchant = TestMerchant.create();
        String broken = OrderJson.anOrder().json().replace("\"city\":\"Bengaluru\"", "\"city\":Bengaluru");

        send(merchant, broken).body("errors[0].field", equalTo("shippingAddress.city"));

        assertNothingStoredOrPublished(merchant);
    }

    @Test
    void answers400_whenTheBodyIsEmptyOrNotAnObject() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().when().post("/api/orders").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        send(merchant, "[]").body("errors[0].field", equalTo("body"));
        send(merchant, "\"order\"").body("errors[0].field", equalTo("body"));

        assertNothingStoredOrPublished(merchant);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder().set("customer.email", "nope").set("customer.phone", "12345")
                .set("items[0].quantity", 0);

        send(merchant, order.json())
                .body("errors.field", contains("customer.email", "customer.phone",
                        "items[0].quantity"))
                .body("detail", equalTo("3 invalid fields: customer.email, customer.phone, items[0].quantity"));
    }

    @Test
    void answers415AsProblem_whenTheBodyIsNotJson() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().contentType("text/plain").body(OrderJson.anOrder().json())
                .when().post("/api/orders")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:unsupported-media-type"));

        assertNothingStoredOrPublished(merchant);
    }

    @Test
    void neverAnswersWithAJavaClassName() {
        TestMerchant merchant = TestMerchant.create();

        send(merchant, OrderJson.anOrder().set("customer", "Priya").json())
                .body("errors[0].field", equalTo("customer"))
                .body("errors[0].message", not(containsString("dev.shipnotify")))
                .body("detail", not(containsString("Exception")))
                .body("errors[0].message", not(containsString("Exception")))
                .body("instance", equalTo("/api/orders"))
                .body("stackTrace", nullValue());
    }

    private static ValidatableResponse send(TestMerchant merchant, String body) {
        return merchant.request().header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(INVALID_REQUEST))
                .body("title", notNullValue())
                .body("status", equalTo(400));
    }

    private void assertNothingStoredOrPublished(TestMerchant merchant) {
        assertThat(rows.orders(merchant.id())).isZero();
        assertThat(rows.customers(merchant.id())).isZero();
        assertThat(rows.orderPlacedEvents(merchant.id())).isZero();
        assertThat(rows.count("select count(*) from idempotency_keys where merchant_id = ?::uuid", merchant.id()))
                .isZero();
        // The relay publishes oldest first: once a later valid order is on the topic, nothing earlier is pending.
        String sentinel = merchant.placeOrder(OrderJson.anOrder()).then().statusCode(201).extract().path("id");
        OrderEvents.awaitOrder(sentinel);
        assertThat(OrderEvents.recordsOf(merchant.id())).extracting(r -> r.key()).containsExactly(sentinel);
    }
}
