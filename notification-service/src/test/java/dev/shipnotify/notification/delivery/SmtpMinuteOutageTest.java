package dev.shipnotify.notification.delivery;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server down for 60 s while orders keep coming: every confirmation reaches the shopper once it is back,
 * none twice. The retry schedule is the production one, shortened (1 s doubling to 8 s, 20 attempts), so the outage
 * spends part of the budget, not all of it.
 */
@QuarkusTest
@TestProfile(SmtpMinuteOutageTest.MinuteOutage.class)
class SmtpMinuteOutageTest extends EventsAndInbox {
    static final Duration OUTAGE = Duration.ofSeconds(60);

    public static class MinuteOutage extends SmtpOutageProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("notification.sender.retry.max-attempts", "20");
            config.put("notification.sender.retry.initial-backoff", "1s");
            config.put("notification.sender.retry.max-backoff", "8s");
            return config;
        }
    }

    @InjectSmtpGate
    SmtpGate smtp;

    @AfterEach
    void reopenSmtp() throws IOException {
        smtp.open();
    }

    @Test
    void everyEmailArrivesOnce_afterTheSmtpServerWasDownForAMinute_midStream() throws IOException {
        List<OrderPlaced> before = orders(5);
        before.forEach(events::publish);
        await().atMost(DELIVERY).until(() -> before.stream().allMatch(order -> delivered(order) == 1));

        smtp.shut();
        List<OrderPlaced> during = orders(10);
        during.forEach(events::publish);
        // Nothing reaches the server while it is down; the emails wait in the log, retried with backoff.
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                .until(() -> during.stream().allMatch(order -> delivered(order) == 0));
        assertThat(during).allSatisfy(order -> assertThat(notificationsOf(order.orderId()))
                .extracting(n -> n.status).containsExactly(NotificationStatus.QUEUED));

        smtp.open();
        List<OrderPlaced> after = orders(5);
        after.forEach(events::publish);

        List<OrderPlaced> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        await().atMost(DELIVERY).until(() -> all.stream().allMatch(order -> delivered(order) == 1));
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> all.stream().allMatch(order -> delivered(order) == 1));
        assertThat(all).allSatisfy(order -> assertThat(notificationsOf(order.orderId()))
                .extracting(n -> n.status).containsExactly(NotificationStatus.SENT));
    }

    private static List<OrderPlaced> orders(int count) {
        return IntStream.range(0, count).mapToObj(i -> Orders.anOrder().build()).toList();
    }

    private long delivered(OrderPlaced order) {
        return mailbox.messagesTo(order.customer().email()).size();
    }
}
