package dev.shipnotify.notification.channel.whatsapp;

import static dev.shipnotify.notification.testing.NotificationLog.attemptsOf;
import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static dev.shipnotify.notification.testing.Shipments.TRACKING_URL;
import static dev.shipnotify.notification.testing.Shipments.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewThanked;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShopperReplied;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.whatsapp.SentMessage;
import dev.shipnotify.contracts.Digests;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationDispatcher;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndWhatsApp;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.Reviews;
import dev.shipnotify.notification.testing.Shipments;
import dev.shipnotify.notification.testing.WhatsAppProfile;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WhatsApp messages from events on the real broker to the WhatsApp Cloud API sandbox over HTTP, and the sandbox's
 * signed webhooks back: the right approved template per milestone in the shopper's language, consent and STOP
 * respected, the Cloud API's errors handled by meaning.
 */
@QuarkusTest
@TestProfile(WhatsAppProfile.class)
class WhatsAppMessagesTest extends EventsAndWhatsApp {
    private static final String ADMIN = "Bearer test-admin-token";

    @ParameterizedTest
    @ValueSource(strings = {"en-IN", "hi-IN", "bn-IN", "te-IN"})
    void aFullJourney_sendsEachMilestonesApprovedTemplateOnce_inTheShoppersLanguage(String locale) {
        OrderPlaced order = Orders.anOrder().locale(locale).build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(order);
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 5));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));
        events.publish(update(order, shipmentId, ShipmentStatus.FAILED_ATTEMPT, null, 52));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 72));
        events.publish(Shipments.delivered(order, shipmentId));

        List<SentMessage> messages = awaitMessages(phone(order), 5);

        assertThat(messages).extracting(SentMessage::templateName).containsExactlyInAnyOrder("order_confirmed",
                "order_shipped", "out_for_delivery", "delivery_attempt_failed", "order_delivered");
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.language()).isEqualTo(locale.substring(0, 2));
            assertThat(message.phoneNumberId()).isEqualTo("1098765432");
            assertThat(message.parameters()).contains("Asha", number(order));
        });
        SentMessage outForDelivery = only(messages, "out_for_delivery");
        assertThat(outForDelivery.parameters()).containsExactly("Asha", number(order), TRACKING_URL);
        assertThat(only(messages, "delivery_attempt_failed").components().toString())
                .contains("\"payload\":\"REATTEMPT\"", "\"payload\":\"UPDATE_ADDRESS\"");
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(whatsappNotifications(order))
                .extracting(n -> n.status).containsOnly(NotificationStatus.DELIVERED));
    }

    @Test
    void theThankYouForAReview_carriesTheDiscountCode() {
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);
        events.publish(new ReviewThanked(ReviewThanked.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), "THANKS10", Instant.now()));

        SentMessage thanks = only(awaitMessages(phone(order), 2), "review_thanks_discount");
        assertThat(thanks.parameters()).containsExactly("Asha", "Acme Kitchen", "THANKS10");
    }

    @Test
    void anExceptionNamesItsReasonInTheTemplate_andOffersToUpdateTheAddress() {
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.EXCEPTION,
                ExceptionReason.ADDRESS_ISSUE, 30));

        SentMessage exception = only(awaitMessages(phone(order), 2), "shipment_exception_address_issue");
        assertThat(exception.components().toString()).contains("\"payload\":\"UPDATE_ADDRESS\"");
    }

    @Test
    void aShopperWithoutWhatsAppConsent_getsNoWhatsAppMessage_butTheirEmails() {
        OrderPlaced order = Orders.anOrder().withoutWhatsAppConsent().build();
        events.publish(order);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.OUT_FOR_DELIVERY, null, 48));

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 2);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> whatsapp.messagesTo(phone(order)).isEmpty());
        assertThat(whatsappNotifications(order)).isEmpty();
    }

    @Test
    void aShopperWhoRepliesStop_getsNoMoreWhatsAppMessages_butTheirEmails() {
        OrderPlaced order = Orders.anOrder().build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(order);
        awaitMessages(phone(order), 1);

        assertThat(whatsapp.reply(phone(order), "Stop")).isEqualTo(200);
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 3);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> whatsapp.messagesTo(phone(order)).size() == 1);
        assertThat(whatsappNotifications(order)).extracting(n -> n.milestone).containsExactly(Milestone.ORDER_CONFIRMED);
    }

    @Test
    void rateLimited_130429_isRetriedWithBackoff_andThenDeliveredOnce() {
        OrderPlaced order = Orders.anOrder().build();
        whatsapp.failNext(phone(order), 130429, 2);
        events.publish(order);

        SentMessage confirmed = only(awaitMessages(phone(order), 1), "order_confirmed");
        Notification notification = whatsappNotifications(order).get(0);
        assertThat(notification.messageId).isEqualTo(confirmed.id());
        assertThat(attemptsOf(notification.id)).extracting(attempt -> attempt.outcome.name())
                .containsExactly("RETRY", "RETRY", "SENT");
        assertThat(attemptsOf(notification.id).get(0).error).contains("130429");
    }

    @Test
    void anUndeliverableNumber_131026_fallsBackToEmail_forAMilestoneTheMerchantSendsOnWhatsAppOnly() {
        String merchant = "merchant-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("channels", Map.of("SHIPPED", List.of("WHATSAPP"), "OUT_FOR_DELIVERY", List.of("WHATSAPP"))))
                .put("/api/admin/merchants/{id}/notification-rules", merchant)
                .then().statusCode(200)
                .body("channels.SHIPPED", equalTo(List.of("WHATSAPP")))
                .body("channels.DELIVERED", equalTo(List.of("EMAIL", "WHATSAPP")));
        OrderPlaced order = Orders.anOrder().merchant(merchant).build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(order);
        awaitMessages(phone(order), 1);

        whatsapp.failNext(phone(order), 131026, 1);
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(mailbox.messagesTo(order.customer().email()))
                .extracting(m -> m.subject()).contains("Your order " + number(order) + " is on its way"));

        // Meta reports most undeliverable numbers later, in a failed status: the same fallback.
        whatsapp.failLater(phone(order), 131026, 1);
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(mailbox.messagesTo(order.customer().email()))
                .extracting(m -> m.subject()).contains("Your order " + number(order) + " arrives today"));

        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(order.customer().email()).size() == 3);
        assertThat(whatsappNotifications(order)).filteredOn(n -> n.milestone != Milestone.ORDER_CONFIRMED)
                .allSatisfy(n -> {
                    assertThat(n.status).isEqualTo(NotificationStatus.FAILED);
                    assertThat(n.lastError).contains("131026");
                });
    }

    @Test
    void whenTheMerchantHasEmailsWaitForTheWhatsAppRead_aReadMessageSparesTheShopperItsEmail() {
        String merchant = "merchant-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("channels", Map.of(), "emailWaitsForWhatsAppRead", "PT8S"))
                .put("/api/admin/merchants/{id}/notification-rules", merchant)
                .then().statusCode(200).body("emailWaitsForWhatsAppRead", equalTo("PT8S"));
        OrderPlaced order = Orders.anOrder().merchant(merchant).build();
        events.publish(order);
        SentMessage confirmation = awaitMessages(phone(order), 1).get(0);
        assertThat(whatsapp.markRead(confirmation.id())).isEqualTo(200);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.IN_TRANSIT, null, 0));

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
        assertThat(mailbox.messagesTo(order.customer().email())).extracting(m -> m.subject())
                .containsExactly("Your order " + number(order) + " is on its way");
        Notification spared = notificationsOf(order.orderId()).stream()
                .filter(n -> n.channel == Channel.EMAIL && n.milestone == Milestone.ORDER_CONFIRMED)
                .findFirst().orElseThrow();
        assertThat(spared.status).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(spared.lastError).contains("read the WhatsApp message");
    }

    @Test
    void aShopperOverTheCap_stillGetsDeliveryNews_butNotTheReviewRequest() {
        String merchant = "merchant-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("channels", Map.of(), "shopperCapPerDay", 3))
                .put("/api/admin/merchants/{id}/notification-rules", merchant)
                .then().statusCode(200).body("shopperCapPerDay", equalTo(3));
        OrderPlaced order = Orders.anOrder().merchant(merchant).build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(order);
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));
        events.publish(Shipments.delivered(order, shipmentId));
        awaitMessages(phone(order), 4);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 4);

        String review = events.publish(Reviews.requested(order, false));
        await().atMost(DELIVERY).until(() -> wasProcessed(review));

        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> whatsapp.messagesTo(phone(order)).size() == 4
                && mailbox.messagesTo(order.customer().email()).size() == 4);
        assertThat(notificationsOf(order.orderId())).filteredOn(n -> n.milestone == Milestone.REVIEW_REQUEST)
                .hasSize(2).allSatisfy(n -> {
                    assertThat(n.status).isEqualTo(NotificationStatus.SUPPRESSED);
                    assertThat(n.lastError).contains("4", "24 h");
                });
    }

    @Test
    void aRequestTheCloudApiRefusesAsMalformed_100_isDeadLetteredWithTheReason_andNotRetried() {
        OrderPlaced order = Orders.anOrder().build();
        whatsapp.failNext(phone(order), 100, 1);
        events.publish(order);

        TopicReader.Record deadLetter = new TopicReader(bootstrapServers).awaitRecord(
                NotificationDispatcher.DEAD_LETTER_TOPIC, r -> order.orderId().equals(r.key()), DELIVERY);
        assertThat(deadLetter.header("dead-letter-reason")).contains("100", "Invalid parameter");
        assertThat(deadLetter.value()).contains("\"milestone\":\"ORDER_CONFIRMED\"", "\"channel\":\"WHATSAPP\"")
                .doesNotContain(phone(order));
        Notification notification = whatsappNotifications(order).get(0);
        assertThat(notification.status).isEqualTo(NotificationStatus.FAILED);
        assertThat(attemptsOf(notification.id)).hasSize(1);
        assertThat(whatsapp.messagesTo(phone(order))).isEmpty();
    }

    @Test
    void statusWebhooks_moveAMessageToDeliveredAndRead_andKeepEachStatusOnce() {
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);
        SentMessage confirmed = awaitMessages(phone(order), 1).get(0);
        await().atMost(DELIVERY).until(() -> whatsappNotifications(order).get(0).status == NotificationStatus.DELIVERED);

        assertThat(whatsapp.markRead(confirmed.id())).isEqualTo(200);
        assertThat(whatsapp.markRead(confirmed.id())).isEqualTo(200);

        Notification notification = whatsappNotifications(order).get(0);
        assertThat(notification.status).isEqualTo(NotificationStatus.READ);
        assertThat(receipts(notification.id)).containsExactly("SENT", "DELIVERED", "READ");
    }

    @Test
    void aQuickReplyTap_isRecordedWithItsOrderAndShipment_andPublishedForTheMerchant() throws Exception {
        OrderPlaced order = Orders.anOrder().build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(order);
        events.publish(update(order, shipmentId, ShipmentStatus.FAILED_ATTEMPT, null, 52));
        SentMessage failedAttempt = only(awaitMessages(phone(order), 2), "delivery_attempt_failed");

        assertThat(whatsapp.tapButton(phone(order), failedAttempt.id(), "REATTEMPT", "Deliver again")).isEqualTo(200);

        List<?> reply = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                "SELECT order_id, shipment_id, action FROM shopper_reply WHERE order_id = :order")
                .setParameter("order", order.orderId()).getResultList());
        assertThat(reply).hasSize(1);
        assertThat((Object[]) reply.get(0)).containsExactly(order.orderId(), shipmentId, "REATTEMPT");

        TopicReader.Record published = new TopicReader(bootstrapServers).awaitRecord(Topics.SHOPPER_REPLIED,
                r -> order.orderId().equals(r.key()), DELIVERY);
        ShopperReplied replied = json.readValue(published.value(), ShopperReplied.class);
        assertThat(replied.action()).isEqualTo("REATTEMPT");
        assertThat(replied.shipmentId()).isEqualTo(shipmentId);
        assertThat(replied.milestone()).isEqualTo("FAILED_ATTEMPT");
        assertThat(replied.merchantId()).isEqualTo(order.merchantId());
        assertThat(published.header("ce_id")).isEqualTo(replied.replyId());
        assertThat(published.header("ce_type")).isEqualTo("dev.shipnotify.notification.shopper-replied");
    }

    @Test
    void aWebhookWithoutMetasSignature_isRefused_andChangesNothing() {
        String stop = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":"
                + "[{\"from\":\"917000000001\",\"id\":\"wamid.forged\",\"timestamp\":\"1700000000\",\"type\":\"text\","
                + "\"text\":{\"body\":\"STOP\"}}]},\"field\":\"messages\"}]}]}";
        given().contentType("application/json").body(stop).post("/webhooks/whatsapp")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").header("X-Hub-Signature-256", "sha256=" + sign("another-secret", stop))
                .body(stop).post("/webhooks/whatsapp")
                .then().statusCode(401);
        assertThat(optedOut("917000000001")).isFalse();

        given().contentType("application/json").header("X-Hub-Signature-256", "sha256=" + sign(WhatsAppProfile.APP_SECRET, stop))
                .body(stop).post("/webhooks/whatsapp")
                .then().statusCode(200);
        assertThat(optedOut("917000000001")).isTrue();
    }

    @Test
    void metasSubscriptionHandshake_isAnsweredOnlyWithOurVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-whatsapp-verify-token")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/whatsapp")
                .then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/whatsapp")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theRulesAdminApi_wantsTheAdminToken_andRefusesUnknownMilestones() {
        given().get("/api/admin/merchants/m-1/notification-rules").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").get("/api/admin/merchants/m-1/notification-rules")
                .then().statusCode(401);
        given().header("Authorization", ADMIN).get("/api/admin/merchants/m-1/notification-rules")
                .then().statusCode(200).body("channels.SHIPPED", equalTo(List.of("EMAIL", "WHATSAPP")));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"channels\":{\"TELEPORTED\":[\"EMAIL\"]}}")
                .put("/api/admin/merchants/m-1/notification-rules")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"channels\":{\"SHIPPED\":[\"PIGEON\"]}}")
                .put("/api/admin/merchants/m-1/notification-rules")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private List<SentMessage> awaitMessages(String phone, int count) {
        await().atMost(DELIVERY).until(() -> whatsapp.messagesTo(phone).size() >= count);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> whatsapp.messagesTo(phone).size() == count);
        return whatsapp.messagesTo(phone);
    }

    private static SentMessage only(List<SentMessage> messages, String template) {
        List<SentMessage> found = messages.stream().filter(m -> template.equals(m.templateName())).toList();
        assertThat(found).as("messages with template %s", template).hasSize(1);
        return found.get(0);
    }

    private static List<Notification> whatsappNotifications(OrderPlaced order) {
        return notificationsOf(order.orderId()).stream().filter(n -> n.channel == Channel.WHATSAPP).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> receipts(UUID notificationId) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                "SELECT status FROM notification_receipt WHERE notification_id = :id ORDER BY id")
                .setParameter("id", notificationId).getResultList());
    }

    private static boolean optedOut(String phone) {
        return QuarkusTransaction.requiringNew().call(() -> !Panache.getEntityManager().createNativeQuery(
                "SELECT 1 FROM whatsapp_opt_out WHERE phone_hash = :hash")
                .setParameter("hash", WhatsAppOptOuts.hash(phone)).getResultList().isEmpty());
    }

    static String sign(String secret, String body) {
        return HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String phone(OrderPlaced order) {
        return order.customer().phone();
    }

    private static String number(OrderPlaced order) {
        return MessageModels.orderNumber(order.orderId());
    }
}
