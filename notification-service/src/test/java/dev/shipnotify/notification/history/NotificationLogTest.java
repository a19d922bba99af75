package dev.shipnotify.notification.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndWhatsApp;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.WhatsAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/notifications?orderId=…} shows the order's owner every message with its template, status history
 * and provider id, and nobody else anything.
 */
@QuarkusTest
@TestProfile(WhatsAppProfile.class)
class NotificationLogTest extends EventsAndWhatsApp {

    @Test
    void theMerchantSeesEachMessage_withItsHistory_fromQueuedToDelivered() {
        String merchant = "merchant-" + UUID.randomUUID();
        String key = issueKey(merchant);
        OrderPlaced order = Orders.anOrder().merchant(merchant).build();
        whatsapp.failNext(order.customer().phone(), 130429, 1);
        events.publish(order);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(log(key, order.orderId()).getList(
                "notifications.find { it.channel == 'WHATSAPP' }.history.status"))
                .containsExactly("QUEUED", "RETRY", "SENT", "SENT", "DELIVERED"));

        JsonPath log = log(key, order.orderId());
        assertThat(log.getString("orderId")).isEqualTo(order.orderId());
        Map<String, Object> message = log.getMap("notifications.find { it.channel == 'WHATSAPP' }");
        assertThat(message).containsEntry("milestone", "ORDER_CONFIRMED").containsEntry("template", "order_confirmed")
                .containsEntry("status", "DELIVERED")
                .containsEntry("providerMessageId", whatsapp.messagesTo(order.customer().phone()).get(0).id());
        assertThat((String) message.get("recipient")).doesNotContain(order.customer().phone().substring(3));
        assertThat(log.getList("notifications.find { it.channel == 'WHATSAPP' }.history.by"))
                .containsExactly("service", "service", "service", "provider", "provider");
        assertThat(log.getString("notifications.find { it.channel == 'WHATSAPP' }.history[1].detail")).contains("130429");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(log(key, order.orderId()).getMap(
                "notifications.find { it.channel == 'EMAIL' }"))
                .containsEntry("status", "SENT").containsEntry("template", "email/order-confirmed")
                .containsEntry("subject", "Your order " + MessageModels.orderNumber(order.orderId()) + " is confirmed"));
    }

    @Test
    void anotherMerchant_aRevokedKey_noKey_andNoOrderId_areRefused() {
        String owner = "merchant-" + UUID.randomUUID();
        String ownerKey = issueKey(owner);
        String otherKey = issueKey("merchant-" + UUID.randomUUID());
        OrderPlaced order = Orders.anOrder().merchant(owner).build();
        events.publish(order);
        await().atMost(DELIVERY).untilAsserted(() -> given().header("Authorization", "Bearer " + ownerKey)
                .queryParam("orderId", order.orderId()).get("/api/notifications").then().statusCode(200));

        given().header("Authorization", "Bearer " + otherKey).queryParam("orderId", order.orderId())
                .get("/api/notifications").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("orderId", order.orderId()).get("/api/notifications")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + ownerKey).get("/api/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("orderId"));

        events.publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, owner, "key-1",
                MerchantKeyChanged.hashOf(ownerKey), Instant.now().minusSeconds(60), Instant.now()));
        await().atMost(DELIVERY).untilAsserted(() -> given().header("Authorization", "Bearer " + ownerKey)
                .queryParam("orderId", order.orderId()).get("/api/notifications").then().statusCode(401));
    }

    /** Issues a key the way order-service announces it on merchant-keys, and waits until it works here. */
    private String issueKey(String merchant) {
        String key = "snk_" + UUID.randomUUID();
        events.publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, merchant, "key-1",
                MerchantKeyChanged.hashOf(key), Instant.now().minusSeconds(60), null));
        await().atMost(DELIVERY).untilAsserted(() -> given().header("Authorization", "Bearer " + key)
                .queryParam("orderId", "no-such-order").get("/api/notifications").then().statusCode(404));
        return key;
    }

    private static JsonPath log(String key, String orderId) {
        return given().header("Authorization", "Bearer " + key).queryParam("orderId", orderId)
                .get("/api/notifications").then().statusCode(200).extract().jsonPath();
    }
}
