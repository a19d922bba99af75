package dev.shipnotify.review.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.ShopperReplied;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import io.quarkus.arc.Arc;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rest of the suite as review-service sees it, on the test resource's real broker: orders placed, cancelled,
 * delivered and sent back, shoppers' WhatsApp replies; and the review requests it published.
 */
public final class Shop {
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static EventPublisher publisher;

    private Shop() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static synchronized void publish(Record event) {
        if (publisher == null) {
            publisher = new EventPublisher(bootstrapServers(), json());
        }
        publisher.publish(event);
    }

    /** Issues an API key of the merchant the way order-service does (on merchant-keys) and waits until it opens. */
    public static String issueKey(String merchantId) {
        String key = "snk_" + UUID.randomUUID();
        publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, merchantId, "key-1",
                MerchantKeyChanged.hashOf(key), Instant.now().minusSeconds(60), null));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", "Bearer " + key)
                .get("/api/merchants/{id}/ratings", merchantId).then().statusCode(200));
        return key;
    }

    /** An order of these SKUs from a shopper with a unique email address, in Hindi, with consent. */
    public static OrderPlaced order(String merchantId, String... skus) {
        return order(merchantId, "shopper-" + UUID.randomUUID() + "@example.com", true, skus);
    }

    public static OrderPlaced order(String merchantId, String email, boolean consent, String... skus) {
        List<OrderPlaced.Item> items = Arrays.stream(skus).map(sku -> new OrderPlaced.Item(sku, "Item " + sku, 1,
                new Money(new BigDecimal("499.00"), "INR"), "https://cdn.example.com/" + sku + ".jpg")).toList();
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, UUID.randomUUID().toString(), merchantId,
                Instant.parse("2026-11-20T10:00:00Z"),
                new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom", "orders@kesari.example",
                        "help@kesari.example", "+911140000000", null, "#b45309", "en", null),
                new OrderPlaced.Customer("Asha Rao", email, "+919800000001", "hi-IN", "Asia/Kolkata",
                        new OrderPlaced.Consent(consent, consent)),
                items, new Money(new BigDecimal("499.00").multiply(BigDecimal.valueOf(skus.length)), "INR"),
                new OrderPlaced.Shipping("Pune", "411001", "IN"));
    }

    public static ShipmentDelivered delivered(OrderPlaced order, Instant at) {
        return new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), "delhivery", "DL" + order.orderId().substring(0, 8), at, null, null);
    }

    public static OrderCancelled cancelled(OrderPlaced order) {
        return new OrderCancelled(OrderCancelled.SCHEMA_VERSION, order.orderId(), order.merchantId(), Instant.now(),
                "changed my mind");
    }

    public static ShipmentUpdated returning(OrderPlaced order) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), "delhivery", "DL" + order.orderId().substring(0, 8), ShipmentStatus.RETURNING,
                ShipmentStatus.DELIVERED, null, new Checkpoint(Instant.now(), ShipmentStatus.RETURNING, null, "RT",
                        "Return to origin", null), null, null);
    }

    public static ShopperReplied tapped(OrderPlaced order, String action) {
        return new ShopperReplied(ShopperReplied.SCHEMA_VERSION, "wamid." + UUID.randomUUID(), order.orderId(),
                order.merchantId(), null, "REVIEW_REQUEST", "WHATSAPP", action, action, Instant.now());
    }

    /** The review requests (and reminders) published for this order so far, oldest first. */
    public static List<ReviewRequested> requestsFor(OrderPlaced order) {
        return new TopicReader(bootstrapServers()).readAll(Topics.REVIEW_REQUESTED).stream()
                .filter(record -> order.orderId().equals(record.key())).map(Shop::request).toList();
    }

    /** Waits for the {@code count}-th request of this order and answers them all. */
    public static List<ReviewRequested> awaitRequests(OrderPlaced order, int count) {
        return new TopicReader(bootstrapServers()).awaitRecords(Topics.REVIEW_REQUESTED,
                record -> order.orderId().equals(record.key()), count, WAIT).stream().map(Shop::request).toList();
    }

    private static ReviewRequested request(TopicReader.Record record) {
        try {
            return json().readValue(record.value(), ReviewRequested.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper json() {
        return Arc.container().instance(ObjectMapper.class).get();
    }
}
