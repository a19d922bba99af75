package dev.shipnotify.tracking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.tracking.order.OrderSnapshots;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A merchant as order-service would announce it: an API key on {@code merchant-keys}, and orders on
 * {@code order-placed}, published on the real broker; each call waits until tracking-service has taken it in.
 */
public record TestMerchant(String id, String keyId, String apiKey) {

    public static TestMerchant create() {
        TestMerchant merchant = new TestMerchant(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "snk_" + UUID.randomUUID().toString().replace("-", ""));
        Events.publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, merchant.id, merchant.keyId,
                MerchantKeyChanged.hashOf(merchant.apiKey), Instant.now(), null));
        await().atMost(Duration.ofSeconds(15)).until(() -> merchant.request().get("/api/shipments/none")
                .statusCode() == 404);
        return merchant;
    }

    /** Publishes the revocation of this merchant's key and waits until the key answers 401. */
    public void revokeKey() {
        Events.publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, id, keyId,
                MerchantKeyChanged.hashOf(apiKey), Instant.now().minusSeconds(60), Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> request().get("/api/shipments/none").statusCode() == 401);
    }

    /** Publishes an order of this merchant and waits until tracking-service knows it; answers its id. */
    public String placedOrder() {
        return placedOrders(1).get(0);
    }

    /** Publishes orders of this merchant and waits until tracking-service knows them all; answers their ids. */
    public List<String> placedOrders(int count) {
        return placedOrders(count, "hi-IN");
    }

    /** Orders of a shopper who reads {@code locale}. */
    public List<String> placedOrders(int count, String locale) {
        List<String> orderIds = Stream.generate(() -> UUID.randomUUID().toString()).limit(count)
                .toList();
        orderIds.forEach(orderId -> publishOrder(orderId, locale));
        OrderSnapshots orders = Arc.container().instance(OrderSnapshots.class).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> orderIds.stream().allMatch(id -> orders.find(id)
                .isPresent()));
        return orderIds;
    }

    private void publishOrder(String orderId, String locale) {
        Events.publish(order(orderId, locale));
    }

    /** An order of this merchant, as order-service would publish it. */
    public OrderPlaced order(String orderId, String locale) {
        Money price = new Money(new BigDecimal("4999.00"), "INR");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderId, id, Instant.now(),
                new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom Orders", "orders@kesari.example",
                        "help@kesari.example", "+918045671234", "https://cdn.kesari.example/logo.png", "#C2410C",
                        "en-IN", null),
                new OrderPlaced.Customer("Priya Sharma", "priya@example.com", "+919876543210", locale,
                        "Asia/Kolkata", new OrderPlaced.Consent(true, true)),
                List.of(new OrderPlaced.Item("KH-SAR-0042", "Banarasi silk saree", 1, price,
                        "https://cdn.kesari.example/p/KH-SAR-0042.jpg")), price,
                new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
    }

    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    public Response register(String orderId, String carrier, String trackingNumber) {
        return request().body(Map.of("orderId", orderId, "carrier", carrier, "trackingNumber", trackingNumber))
                .when().post("/api/shipments");
    }

    /** Registers a parcel with a fresh tracking number for a fresh order; answers the tracking number. */
    public String registeredParcel(String carrier) {
        String trackingNumber = "TN" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        register(placedOrder(), carrier, trackingNumber).then().statusCode(201);
        return trackingNumber;
    }
}
