package dev.shipnotify.notification.channel.whatsapp;

import static dev.shipnotify.notification.testing.NotificationLog.attemptsOf;
import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.testing.EventsAndWhatsApp;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.WhatsAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * An expired access token (Cloud API error 190) stops the WhatsApp channel: the service reports itself not ready and
 * makes no further call that would fail the same way, the messages wait, and email goes on.
 */
@QuarkusTest
@TestProfile(WhatsAppTokenExpiryTest.OwnApp.class)
class WhatsAppTokenExpiryTest extends EventsAndWhatsApp {

    /** Its own application: a stopped channel stays stopped until the service restarts. */
    public static class OwnApp extends WhatsAppProfile {
    }

    @Test
    void anExpiredToken_stopsTheChannel_reportsNotReady_andBurnsNoMoreMessages() {
        OrderPlaced first = Orders.anOrder().build();
        OrderPlaced second = Orders.anOrder().build();
        whatsapp.failNext(first.customer().phone(), 190, 1);
        whatsapp.failNext(second.customer().phone(), 190, 1);
        events.publish(first);

        await().atMost(DELIVERY).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'WhatsApp Cloud API' }.status", equalTo("DOWN")));
        Notification waiting = whatsappNotification(first);
        assertThat(waiting.status).as(() -> "the first order's WhatsApp message; all its notifications: "
                + describe(first) + "; the sandbox accepted for its number: "
                + whatsapp.messagesTo(first.customer().phone()) + "; failures still armed: "
                + given().get(sandboxUrl + "/sandbox/failures").asString())
                .isEqualTo(NotificationStatus.QUEUED);
        assertThat(waiting.lastError).contains("190");
        assertThat(attemptsOf(waiting.id)).isEmpty();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("notification_whatsapp_channel_stopped 1.0"));

        events.publish(second);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(second.customer().email()).size() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> whatsappNotification(second).status == NotificationStatus.QUEUED);
        // The 190 armed for the second order is still pending: no call was made for its message.
        given().get(sandboxUrl + "/sandbox/failures").then().statusCode(200)
                .body("pending.remaining", equalTo(java.util.List.of(1)));
        assertThat(whatsapp.messagesTo(second.customer().phone())).isEmpty();
        assertThat(mailbox.messagesTo(first.customer().email())).hasSize(1);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.name", hasItem("WhatsApp Cloud API"));
    }

    /** Every notification of the order with its attempts, for a failure message. */
    private static String describe(OrderPlaced order) {
        return notificationsOf(order.orderId()).stream().map(n -> n.channel + " " + n.milestone + " " + n.status
                + " created " + n.createdAt + " error " + n.lastError + " attempts " + attemptsOf(n.id).stream()
                .map(a -> a.outcome + " at " + a.finishedAt + " " + a.error).toList()).toList().toString();
    }

    private static Notification whatsappNotification(OrderPlaced order) {
        return notificationsOf(order.orderId()).stream().filter(n -> n.channel == Channel.WHATSAPP).findFirst()
                .orElseThrow();
    }
}
