package dev.shipnotify.notification.channel.whatsapp;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.Shipments.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.infra.whatsapp.SentMessage;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.testing.EventsAndWhatsApp;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.WhatsAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours ({@code 21:00-08:00}) in the shopper's time zone hold WhatsApp messages until they end, except
 * out-for-delivery news; emails are not held. The shopper lives in a time zone where it is {@link #QUIET_FOR} before
 * 08:00 when the test starts, so the night ends while it watches.
 */
@QuarkusTest
@TestProfile(QuietHoursTest.Nights.class)
class QuietHoursTest extends EventsAndWhatsApp {
    static final Duration QUIET_FOR = Duration.ofSeconds(45);

    public static class Nights extends WhatsAppProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("notification.quiet-hours", "21:00-08:00");
            return config;
        }
    }

    @Test
    void quietHoursHoldTheConfirmation_untilTheyEnd_butNotTheOutForDeliveryNews() {
        Instant end = Instant.now().plus(QUIET_FOR).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffset shopperZone = zoneWhereItIsEightAt(end);
        OrderPlaced order = Orders.anOrder().timeZone(shopperZone.getId()).build();
        String phone = order.customer().phone();
        events.publish(order);
        events.publish(update(order, UUID.randomUUID().toString(), ShipmentStatus.OUT_FOR_DELIVERY, null, 48));

        await().atMost(DELIVERY).until(() -> whatsapp.messagesTo(phone).size() == 1);
        assertThat(whatsapp.messagesTo(phone)).extracting(SentMessage::templateName).containsExactly("out_for_delivery");
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 2);
        Notification held = notificationsOf(order.orderId()).stream()
                .filter(n -> n.channel == Channel.WHATSAPP && n.milestone == Milestone.ORDER_CONFIRMED)
                .findFirst().orElseThrow();
        assertThat(held.nextAttemptAt).isEqualTo(end);
        assertThat(Instant.now()).as("still inside the quiet hours").isBefore(end);
        assertThat(whatsapp.messagesTo(phone)).hasSize(1);

        await().atMost(Duration.between(Instant.now(), end).plus(DELIVERY))
                .until(() -> whatsapp.messagesTo(phone).size() == 2);
        SentMessage confirmation = whatsapp.messagesTo(phone).stream()
                .filter(m -> m.templateName().equals("order_confirmed")).findFirst().orElseThrow();
        assertThat(confirmation.time()).isAfterOrEqualTo(end);
    }

    /** A fixed offset (to the second, within the legal ±18 h) in which {@code instant} is 08:00:00. */
    static ZoneOffset zoneWhereItIsEightAt(Instant instant) {
        int utcSecondOfDay = instant.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
        int offset = Math.floorMod(LocalTime.of(8, 0).toSecondOfDay() - utcSecondOfDay, 86_400);
        return ZoneOffset.ofTotalSeconds(offset > 18 * 3600 ? offset - 86_400 : offset);
    }
}
