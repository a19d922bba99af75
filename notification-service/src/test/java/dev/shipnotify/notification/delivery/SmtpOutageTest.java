package dev.shipnotify.notification.delivery;

import static dev.shipnotify.notification.testing.NotificationLog.attemptsOf;
import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static dev.shipnotify.notification.testing.NotificationLog.onlyNotificationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the SMTP server is unreachable, confirmations wait in the notification log and are retried. */
@QuarkusTest
@TestProfile(SmtpOutageProfile.class)
class SmtpOutageTest extends EventsAndInbox {

    private static final Duration BOUND = Duration.ofSeconds(20);
    /** Six attempts, each at worst one mailer timeout (3 s) plus one scheduler tick (1 s) apart. */
    private static final Duration BUDGET_SPENT = Duration.ofSeconds(40);

    @InjectSmtpGate
    SmtpGate smtp;

    @AfterEach
    void reopenSmtp() throws IOException {
        smtp.open();
    }

    @Test
    void keepsTheConfirmationQueued_whileSmtpIsDown_andSendsItOnce_whenItIsBack() throws IOException {
        smtp.shut();
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);

        await().atMost(BOUND).untilAsserted(() -> {
            Notification notification = onlyNotificationOf(order.orderId());
            assertThat(notification.status).isEqualTo(NotificationStatus.QUEUED);
            assertThat(notification.attempts).isGreaterThanOrEqualTo(2);
            assertThat(notification.lastError).isNotBlank();
            assertThat(notification.nextAttemptAt).isAfter(notification.lastAttemptAt);
        });
        assertThat(mailbox.messagesTo(order.customer().email())).isEmpty();

        smtp.open();

        await().atMost(BOUND).until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                .until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
        Notification sent = onlyNotificationOf(order.orderId());
        assertThat(sent.status).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.lastError).isNull();
        assertThat(attemptsOf(sent.id)).extracting(attempt -> attempt.outcome)
                .last().isEqualTo(NotificationAttempt.Outcome.SENT);
        assertThat(attemptsOf(sent.id)).extracting(attempt -> attempt.outcome)
                .filteredOn(outcome -> outcome == NotificationAttempt.Outcome.RETRY).hasSize(sent.attempts - 1);
    }

    @Test
    void marksTheConfirmationFailed_afterTheRetryBudget_keepsEveryAttempt_andDeadLettersIt() throws IOException {
        smtp.shut();
        OrderPlaced order = Orders.anOrder().build();
        events.publish(order);

        await().atMost(BUDGET_SPENT).until(() -> notificationsOf(order.orderId()).stream()
                .anyMatch(notification -> notification.status == NotificationStatus.FAILED));
        Notification failed = onlyNotificationOf(order.orderId());
        assertThat(failed.attempts).isEqualTo(SmtpOutageProfile.MAX_ATTEMPTS);
        assertThat(failed.lastError).isNotBlank();
        assertThat(failed.sentAt).isNull();
        assertThat(attemptsOf(failed.id)).extracting(attempt -> attempt.outcome)
                .hasSize(SmtpOutageProfile.MAX_ATTEMPTS)
                .endsWith(NotificationAttempt.Outcome.FAILED)
                .filteredOn(outcome -> outcome == NotificationAttempt.Outcome.RETRY)
                .hasSize(SmtpOutageProfile.MAX_ATTEMPTS - 1);

        TopicReader.Record deadLetter = new TopicReader(bootstrapServers).awaitRecord(
                NotificationDispatcher.DEAD_LETTER_TOPIC, r -> order.orderId().equals(r.key()), BOUND);
        assertThat(deadLetter.header("dead-letter-reason"))
                .contains("no attempt of " + SmtpOutageProfile.MAX_ATTEMPTS + " succeeded");
        assertThat(deadLetter.value()).contains("\"milestone\":\"ORDER_CONFIRMED\"", "\"channel\":\"EMAIL\"")
                .doesNotContain(order.customer().email());

        smtp.open();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> mailbox.messagesTo(order.customer().email()).isEmpty());
    }
}
