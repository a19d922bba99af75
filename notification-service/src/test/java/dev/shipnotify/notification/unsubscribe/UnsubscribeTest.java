package dev.shipnotify.notification.unsubscribe;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 8058 one-click unsubscribe, as a mail client does it, stops the merchant's emails to that shopper. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class UnsubscribeTest extends EventsAndInbox {

    @Test
    void oneClickUnsubscribe_stopsTheMerchantsEmails_butOpeningTheLinkDoesNot() {
        OrderPlaced order = Orders.anOrder().locale("bn-IN").build();
        String shopper = order.customer().email();
        events.publish(order);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);

        var headers = mailbox.headers(mailbox.messagesTo(shopper).get(0).id());
        assertThat(headers.get("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(headers.get("List-Unsubscribe")).singleElement().asString().matches("<https?://.+/unsubscribe/.+>")
                .doesNotContain(shopper);
        String link = headers.get("List-Unsubscribe").get(0).replaceAll("^<|>$", "");
        String path = URI.create(link).getPath();

        // A link scanner or the shopper opening the link: a page with a button, nothing changes.
        given().when().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"bn\">"), containsString("<form method=\"post\">"));
        // The mail client's one-click button (RFC 8058).
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(path).then().statusCode(200).body(containsString("ইমেল বন্ধ করা হয়েছে"));

        String eventId = events.publish(outForDelivery(order));
        await().atMost(DELIVERY).until(() -> wasProcessed(eventId));
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 1);
        assertThat(notificationsOf(order.orderId())).extracting(notification -> notification.milestone)
                .containsExactly(Milestone.ORDER_CONFIRMED);
    }

    @Test
    void aLinkWeDidNotSign_isNotFound_andUnsubscribesNobody() {
        OrderPlaced order = Orders.anOrder().build();
        String shopper = order.customer().email();
        events.publish(order);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);
        String link = mailbox.headers(mailbox.messagesTo(shopper).get(0).id()).get("List-Unsubscribe").get(0)
                .replaceAll("^<|>$", "");
        String path = URI.create(link).getPath();
        String forged = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "B" : "A") + path.charAt(path.length() - 1);

        for (String bad : List.of(forged, "/unsubscribe/not-a-token", "/unsubscribe/" + UUID.randomUUID() + ".x")) {
            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .when().post(bad).then().statusCode(404).contentType("application/problem+json")
                    .body("status", equalTo(404));
        }

        events.publish(outForDelivery(order));
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 2);
    }

    @Test
    void anUnsubscribedShoppersNextOrder_consumedInOneBatchWithAnotherShoppers_getsNoEmail() {
        OrderPlaced first = Orders.anOrder().build();
        String shopper = first.customer().email();
        events.publish(first);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);
        String link = mailbox.headers(mailbox.messagesTo(shopper).get(0).id()).get("List-Unsubscribe").get(0)
                .replaceAll("^<|>$", "");
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(URI.create(link).getPath()).then().statusCode(200);

        OrderPlaced again = new OrderPlaced(first.schemaVersion(), UUID.randomUUID().toString(), first.merchantId(),
                Instant.now(), first.merchant(), first.customer(), first.items(), first.total(), first.shipping());
        OrderPlaced other = Orders.anOrder().merchant(first.merchantId()).withoutWhatsAppConsent().build();
        events.publishTogether(Topics.ORDER_PLACED, 0, List.of(events.raw(again, UUID.randomUUID().toString()),
                events.raw(other, UUID.randomUUID().toString())));

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(other.customer().email()).size() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 1);
        assertThat(notificationsOf(again.orderId())).extracting(notification -> notification.channel)
                .doesNotContain(Channel.EMAIL);
    }

    private static ShipmentUpdated outForDelivery(OrderPlaced order) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), "Delhivery", "DL123456789IN", ShipmentStatus.OUT_FOR_DELIVERY,
                ShipmentStatus.IN_TRANSIT, null, new Checkpoint(Instant.parse("2025-03-17T03:12:00Z"),
                        ShipmentStatus.OUT_FOR_DELIVERY, null, "OFD", "Out for delivery", null),
                null, "http://127.0.0.1:8082/track/delhivery/DL123456789IN?t=abc");
    }
}
