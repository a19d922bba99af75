package dev.shipnotify.notification.order;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationStatus;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cancelled order's shopper hears of the cancellation, in their language, and of nothing after it. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class OrderCancellationTest extends EventsAndInbox {

    @Test
    void theShopperHearsOfTheCancellation_andNothingAfterIt() {
        OrderPlaced order = Orders.anOrder().locale("te-IN").build();
        String shopper = order.customer().email();
        events.publish(order);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);

        events.publish(cancellation(order));
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 2);
        String eventId = events.publish(outForDelivery(order));
        await().atMost(DELIVERY).until(() -> wasProcessed(eventId));

        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 2);
        assertThat(mailbox.messagesTo(shopper)).extracting(MailboxClient.Summary::subject)
                .contains("మీ ఆర్డర్ " + MessageModels.orderNumber(order.orderId()) + " రద్దు చేయబడింది");
        assertThat(notificationsOf(order.orderId())).extracting(n -> n.milestone)
                .containsExactlyInAnyOrder(Milestone.ORDER_CONFIRMED, Milestone.ORDER_CANCELLED);
    }

    @Test
    void aCancellationThatComesBeforeItsOrder_suppressesTheConfirmation_andIsTheOnlyMessage() {
        OrderPlaced order = Orders.anOrder().build();
        String shopper = order.customer().email();
        String cancellationId = events.publish(cancellation(order));
        await().atMost(DELIVERY).until(() -> wasProcessed(cancellationId));

        events.publish(order);

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 1);
        assertThat(mailbox.messagesTo(shopper)).extracting(MailboxClient.Summary::subject)
                .containsExactly("Your order " + MessageModels.orderNumber(order.orderId()) + " was cancelled");
        List<Notification> log = notificationsOf(order.orderId());
        assertThat(log).extracting(n -> n.milestone, n -> n.status).containsExactlyInAnyOrder(
                tuple(Milestone.ORDER_CONFIRMED, NotificationStatus.SUPPRESSED),
                tuple(Milestone.ORDER_CANCELLED, NotificationStatus.SENT));
    }

    private static OrderCancelled cancellation(OrderPlaced order) {
        return new OrderCancelled(OrderCancelled.SCHEMA_VERSION, order.orderId(), order.merchantId(), Instant.now(),
                "Out of stock");
    }

    private static ShipmentUpdated outForDelivery(OrderPlaced order) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(), order.orderId(),
                order.merchantId(), "Delhivery", "DL123456789IN", ShipmentStatus.OUT_FOR_DELIVERY,
                ShipmentStatus.IN_TRANSIT, null, new Checkpoint(Instant.parse("2025-03-17T03:12:00Z"),
                        ShipmentStatus.OUT_FOR_DELIVERY, null, "OFD", "Out for delivery", null),
                null, "http://127.0.0.1:8082/track/delhivery/DL123456789IN?t=abc");
    }
}
