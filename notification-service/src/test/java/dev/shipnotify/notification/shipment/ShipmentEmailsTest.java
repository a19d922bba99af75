package dev.shipnotify.notification.shipment;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.Shipments.TRACKING_URL;
import static dev.shipnotify.notification.testing.Shipments.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.Shipments;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shipment events from the real broker to the shopper's inbox on the real SMTP server: one email per milestone
 * that matters, none for the in-transit scans between them, none twice, and none lost when the shipment's news
 * comes before the order does.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class ShipmentEmailsTest extends EventsAndInbox {

    /** The subjects of a full journey (confirmed, shipped, out for delivery, failed attempt, delivered) per language. */
    private static final Map<String, List<String>> JOURNEY = Map.of(
            "en", List.of("Your order %s is confirmed", "Your order %s is on its way", "Your order %s arrives today", "We could not deliver your order %s", "Your order %s was delivered"),
            "hi", List.of("आपका ऑर्डर %s कन्फ़र्म हो गया है", "आपका ऑर्डर %s रास्ते में है", "आपका ऑर्डर %s आज पहुँचेगा", "हम आपका ऑर्डर %s डिलीवर नहीं कर सके", "आपका ऑर्डर %s डिलीवर हो गया"),
            "bn", List.of("আপনার অর্ডার %s নিশ্চিত হয়েছে", "আপনার অর্ডার %s পথে আছে", "আপনার অর্ডার %s আজ পৌঁছাবে", "আপনার অর্ডার %s ডেলিভারি করা যায়নি", "আপনার অর্ডার %s ডেলিভারি হয়েছে"),
            "te", List.of("మీ ఆర్డర్ %s నిర్ధారించబడింది", "మీ ఆర్డర్ %s దారిలో ఉంది", "మీ ఆర్డర్ %s ఈరోజు చేరుతుంది", "మీ ఆర్డర్ %sని డెలివరీ చేయలేకపోయాము", "మీ ఆర్డర్ %s డెలివరీ అయింది"));

    @ParameterizedTest
    @ValueSource(strings = {"en-IN", "hi-IN", "bn-IN", "te-IN"})
    void eachMilestoneThatMatters_reachesTheShopperOnce_inTheirLanguage_withTheParcelAndItsTrackingLink(String locale) {
        OrderPlaced order = Orders.anOrder().locale(locale).build();
        String shopper = order.customer().email();
        String shipmentId = UUID.randomUUID().toString();
        List<String> subjects = JOURNEY.get(locale.substring(0, 2)).stream().map(s -> s.formatted(number(order)))
                .toList();
        events.publish(order);
        awaitSubjects(shopper, subjects.subList(0, 1));

        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 0));
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 5));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));
        events.publish(update(order, shipmentId, ShipmentStatus.FAILED_ATTEMPT, null, 52));
        events.publish(update(order, shipmentId, ShipmentStatus.IN_TRANSIT, null, 60));
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 72));
        events.publish(Shipments.delivered(order, shipmentId));

        List<MailboxClient.Summary> mails = awaitSubjects(shopper, subjects);

        MailboxClient.Message outForDelivery = mailbox.message(mails.stream()
                .filter(m -> m.subject().equals(subjects.get(2))).findFirst().orElseThrow().id());
        assertThat(outForDelivery.html()).contains("<html lang=\"" + locale.substring(0, 2) + "\">", "DL123456789IN",
                "href=\"" + TRACKING_URL + "\"", "background-color:#0e7490");
        assertThat(outForDelivery.text()).contains("Delhivery DL123456789IN", TRACKING_URL);
        assertThat(notificationsOf(order.orderId())).extracting(notification -> notification.milestone)
                .containsExactlyInAnyOrder(Milestone.ORDER_CONFIRMED, Milestone.SHIPPED, Milestone.OUT_FOR_DELIVERY,
                        Milestone.FAILED_ATTEMPT, Milestone.DELIVERED);
        // How long after the courier's scan the message was accepted, as a histogram for Prometheus.
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("notification_scan_to_accepted_seconds_count{")
                        && line.contains("channel=\"email\"") && line.contains("milestone=\"out-for-delivery\"")))
                .singleElement().satisfies(line -> assertThat(Double.parseDouble(line.split(" ")[1])).isPositive());
    }

    @Test
    void anExceptionSaysWhyAndWhatTheShopperCanDo() {
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.EXCEPTION,
                ExceptionReason.ADDRESS_ISSUE, 30));

        List<MailboxClient.Summary> mails = awaitSubjects(order.customer().email(), List.of(
                "Your order " + number(order) + " is confirmed", "An update on your order " + number(order)));

        MailboxClient.Message exception = mailbox.message(mails.stream()
                .filter(m -> m.subject().startsWith("An update")).findFirst().orElseThrow().id());
        assertThat(exception.html()).contains("We need your address", "check your address on the tracking page");
    }

    @Test
    void shipmentNewsThatComesBeforeItsOrder_waitsForTheOrder_andIsThenSent() {
        OrderPlaced order = Orders.anOrder().build();
        String shipmentId = UUID.randomUUID().toString();
        events.publish(update(order, shipmentId, ShipmentStatus.OUT_FOR_DELIVERY, null, 48));

        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(order.customer().email()).isEmpty());
        events.publish(order);

        awaitSubjects(order.customer().email(), List.of("Your order " + number(order) + " is confirmed",
                "Your order " + number(order) + " arrives today"));
        assertThat(notificationsOf(order.orderId())).filteredOn(notification -> notification.shipmentId != null)
                .extracting(notification -> notification.shipmentId).containsExactly(shipmentId);
    }

    @Test
    void aShopperWithoutEmailConsent_getsNoShipmentEmail() {
        OrderPlaced order = Orders.anOrder().withoutEmailConsent().build();
        events.publish(order);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.OUT_FOR_DELIVERY, null, 48));

        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(order.customer().email()).isEmpty());
        assertThat(notificationsOf(order.orderId())).isEmpty();
    }

    /** Waits until exactly these subjects reached the address, in any order, and nothing more for a while. */
    private List<MailboxClient.Summary> awaitSubjects(String address, List<String> subjects) {
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(address).size() >= subjects.size());
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> mailbox.messagesTo(address).size() == subjects.size());
        List<MailboxClient.Summary> mails = mailbox.messagesTo(address);
        assertThat(mails).extracting(MailboxClient.Summary::subject).containsExactlyInAnyOrderElementsOf(subjects);
        return mails;
    }

    private static String number(OrderPlaced order) {
        return MessageModels.orderNumber(order.orderId());
    }
}
