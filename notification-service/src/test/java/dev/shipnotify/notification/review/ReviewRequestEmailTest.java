package dev.shipnotify.notification.review;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.wasProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.contracts.ReviewThanked;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import dev.shipnotify.notification.testing.Reviews;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The review-service's requests reach the shopper with one working link per star and item, a reminder at most once. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class ReviewRequestEmailTest extends EventsAndInbox {

    @Test
    void theRequestCarriesEveryStarLinkOfEveryItem_andOnlyOneReminderIsSent() {
        OrderPlaced order = Orders.anOrder().locale("hi-IN").build();
        String shopper = order.customer().email();
        events.publish(order);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);

        events.publish(Reviews.requested(order, false));
        events.publish(Reviews.requested(order, true));
        events.publish(Reviews.requested(order, true));

        String n = MessageModels.orderNumber(order.orderId());
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() >= 3);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 3);
        List<MailboxClient.Summary> mails = mailbox.messagesTo(shopper);
        assertThat(mails).extracting(MailboxClient.Summary::subject).contains("आपका ऑर्डर " + n + " कैसा रहा?",
                "अपने ऑर्डर " + n + " के लिए एक मिनट?");
        MailboxClient.Message request = mailbox.message(mails.stream()
                .filter(m -> m.subject().endsWith("कैसा रहा?")).findFirst().orElseThrow().id());
        for (String sku : List.of("SKU-PAN-28", "SKU-TEA-TOWEL")) {
            for (int stars = 1; stars <= 5; stars++) {
                assertThat(request.html()).contains("href=\"" + Reviews.starUrl(order, sku, stars) + "\"");
                assertThat(request.text()).contains(Reviews.starUrl(order, sku, stars));
            }
        }
        assertThat(request.html()).contains("Cast iron pan 28 cm", "★★★★★");
        assertThat(notificationsOf(order.orderId())).extracting(notification -> notification.milestone)
                .containsExactlyInAnyOrder(Milestone.ORDER_CONFIRMED, Milestone.REVIEW_REQUEST,
                        Milestone.REVIEW_REMINDER);
    }

    @Test
    void theThankYouForAReview_isEmailedOnce_withTheMerchantsDiscountCode() {
        OrderPlaced order = Orders.anOrder().build();
        String shopper = order.customer().email();
        events.publish(order);
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() == 1);

        ReviewThanked thanks = new ReviewThanked(ReviewThanked.SCHEMA_VERSION, UUID.randomUUID().toString(),
                order.orderId(), order.merchantId(), "THANKS10", Instant.now());
        events.publish(thanks);
        events.publish(thanks, UUID.randomUUID().toString());

        String n = MessageModels.orderNumber(order.orderId());
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).size() >= 2);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> mailbox.messagesTo(shopper).size() == 2);
        MailboxClient.Summary mail = mailbox.messagesTo(shopper).stream()
                .filter(m -> m.subject().equals("Thank you for your review of order " + n)).findFirst().orElseThrow();
        assertThat(mailbox.message(mail.id()).text()).contains("THANKS10");
        assertThat(notificationsOf(order.orderId())).extracting(notification -> notification.milestone)
                .containsExactlyInAnyOrder(Milestone.ORDER_CONFIRMED, Milestone.THANK_YOU);
    }

    @Test
    void aCancelledOrder_isNotAskedForAReview() {
        OrderPlaced order = Orders.anOrder().build();
        String shopper = order.customer().email();
        events.publish(order);
        events.publish(new OrderCancelled(OrderCancelled.SCHEMA_VERSION, order.orderId(), order.merchantId(),
                Instant.now(), "Out of stock"));
        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(shopper).stream()
                .anyMatch(mail -> mail.subject().endsWith("was cancelled")));

        String eventId = events.publish(Reviews.requested(order, false));
        await().atMost(DELIVERY).until(() -> wasProcessed(eventId));

        assertThat(notificationsOf(order.orderId())).extracting(notification -> notification.milestone)
                .doesNotContain(Milestone.REVIEW_REQUEST);
    }
}
