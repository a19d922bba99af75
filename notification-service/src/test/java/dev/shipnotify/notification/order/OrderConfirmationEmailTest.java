package dev.shipnotify.notification.order;

import static dev.shipnotify.notification.testing.NotificationLog.attemptsOf;
import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.onlyNotificationOf;
import static dev.shipnotify.notification.testing.NotificationLog.projectionOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationAttempt;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class OrderConfirmationEmailTest extends EventsAndInbox {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** How long "nothing more arrives" is watched for. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void sendsOneMultipartConfirmation_fromTheMerchant_whenAnOrderIsPlaced() {
        OrderPlaced order = Orders.anOrder().build();
        String shopper = order.customer().email();

        events.publish(order);

        List<MailboxClient.Summary> received = awaitExactlyOneEmailTo(shopper);
        MailboxClient.Message mail = mailbox.message(received.get(0).id());
        assertThat(mail.from()).isEqualTo(new MailboxClient.Address(Orders.SENDER_NAME, Orders.SENDER_EMAIL));
        assertThat(mail.to()).extracting(MailboxClient.Address::address).containsExactly(shopper);
        assertThat(mail.replyTo()).extracting(MailboxClient.Address::address).containsExactly("help@acme-kitchen.example");
        String number = MessageModels.orderNumber(order.orderId());
        assertThat(mail.subject()).isEqualTo("Your order " + number + " is confirmed");
        assertThat(mail.html())
                .contains("Acme Kitchen", number, "Cast iron pan 28 cm", "Cotton tea towel", "2,096.00",
                        "background-color:#0e7490", "https://cdn.acme-kitchen.example/logo.png",
                        "help@acme-kitchen.example")
                .doesNotContain("<script");
        assertThat(mail.text())
                .contains("Hi Asha,", number, "Cast iron pan 28 cm", "x3", "2,096.00", "help@acme-kitchen.example")
                .doesNotContain("<");
        assertThat(mailbox.headers(mail.id()).get("Content-Type")).anySatisfy(
                type -> assertThat(type).startsWith("multipart/alternative"));

        Notification notification = onlyNotificationOf(order.orderId());
        assertThat(notification.status).isEqualTo(NotificationStatus.SENT);
        assertThat(notification.milestone).isEqualTo(Milestone.ORDER_CONFIRMED);
        assertThat(notification.channel).isEqualTo(Channel.EMAIL);
        assertThat(notification.recipient).isEqualTo(shopper);
        assertThat(notification.attempts).isEqualTo(1);
        assertThat(notification.sentAt).isNotNull();
        assertThat(notification.subject).isEqualTo(mail.subject());
        assertThat(notification.messageId).matches("<[0-9a-f-]{36}@acme-kitchen\\.example>");
        assertThat(mail.messageId()).isEqualTo(strip(notification.messageId));
        assertThat(mailbox.headers(mail.id()).get("Message-ID")).containsExactly(notification.messageId);
        assertThat(attemptsOf(notification.id)).extracting(attempt -> attempt.outcome)
                .containsExactly(NotificationAttempt.Outcome.SENT);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("notifications_total{channel=\"email\",milestone=\"order-confirmed\",outcome=\"sent\",template=\"email/order-confirmed\"}"));
    }

    @Test
    void sendsOneEmail_whenTheSameEventIsDeliveredTwice() {
        OrderPlaced order = Orders.anOrder().build();
        String eventId = events.publish(order);
        events.publish(order, eventId);

        awaitExactlyOneEmailTo(order.customer().email());
        assertThat(notificationsOf(order.orderId())).hasSize(1);
        assertThat(wasProcessed(eventId)).isTrue();
    }

    @Test
    void sendsOneEmail_whenTwoEventsArriveForTheSameOrder() {
        OrderPlaced order = Orders.anOrder().build();
        String first = events.publish(order);
        String second = events.publish(order);

        await().atMost(DELIVERY).until(() -> wasProcessed(first) && wasProcessed(second));
        awaitExactlyOneEmailTo(order.customer().email());
        Notification notification = onlyNotificationOf(order.orderId());
        assertThat(notification.sourceEventId).isEqualTo(first);
        assertThat(projectionOf(order.orderId())).hasValueSatisfying(
                projection -> assertThat(projection.lastEventId).isEqualTo(second));
    }

    @Test
    void sendsNothing_whenTheShopperDidNotConsentToEmail() {
        OrderPlaced order = Orders.anOrder().withoutEmailConsent().build();
        String eventId = events.publish(order);

        await().atMost(DELIVERY).until(() -> wasProcessed(eventId));
        assertThat(projectionOf(order.orderId())).hasValueSatisfying(projection -> {
            assertThat(projection.consentEmail).isFalse();
            assertThat(projection.consentWhatsapp).isTrue();
        });
        assertThat(notificationsOf(order.orderId())).isEmpty();
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(order.customer().email()).isEmpty());
    }

    @Test
    void keepsTheOrderProjection_withShopperAndBranding() {
        OrderPlaced order = Orders.anOrder().locale("hi-IN").build();
        String eventId = events.publish(order);

        await().atMost(DELIVERY).until(() -> wasProcessed(eventId));
        OrderProjection projection = projectionOf(order.orderId()).orElseThrow();
        assertThat(projection.merchantId).isEqualTo("merchant-acme");
        assertThat(projection.merchant.senderName()).isEqualTo(Orders.SENDER_NAME);
        assertThat(projection.merchant.brandColor()).isEqualTo("#0e7490");
        assertThat(projection.shopperLocale).isEqualTo("hi-IN");
        assertThat(projection.shopperTimeZone).isEqualTo("Asia/Kolkata");
        assertThat(projection.items).extracting(OrderLine::sku).containsExactly("SKU-PAN-28", "SKU-TEA-TOWEL");
        assertThat(projection.totalAmount).isEqualByComparingTo("2096.00");
        assertThat(projection.totalCurrency).isEqualTo("INR");
        assertThat(awaitExactlyOneEmailTo(order.customer().email())).extracting(MailboxClient.Summary::subject)
                .containsExactly("आपका ऑर्डर " + MessageModels.orderNumber(order.orderId()) + " कन्फ़र्म हो गया है");
    }

    private List<MailboxClient.Summary> awaitExactlyOneEmailTo(String address) {
        await().atMost(DELIVERY).until(() -> !mailbox.messagesTo(address).isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(address).size() == 1);
        return mailbox.messagesTo(address);
    }

    private static String strip(String messageId) {
        return messageId.substring(1, messageId.length() - 1);
    }
}
