package dev.shipnotify.review.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ReviewRequested;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.review.testing.Shop;
import dev.shipnotify.review.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * When review requests go out, driven by the injected clock rather than by waiting: after the delay, one reminder at
 * most, none where asking makes no sense, and one per order however many schedulers race for it.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ReviewSchedulingTest {
    private static final Duration DELAY = Duration.ofDays(3);
    private static final Duration REMINDER = Duration.ofDays(4);

    @Inject
    TestClock clock;
    @Inject
    ReviewScheduler scheduler;
    @Inject
    ReviewRequests requests;
    @Inject
    Outbox outbox;

    @Test
    void theRequestGoesOutAfterTheDelay_withFiveSignedStarLinksPerItem_thenOneReminder_andNothingMore() {
        OrderPlaced order = Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1", "DUPATTA-2");
        Instant deliveredAt = clock.instant();
        deliver(order, deliveredAt);

        clock.advance(DELAY.minusMinutes(1));
        scheduler.publishDue();
        outbox.drain();
        assertThat(Shop.requestsFor(order)).as("a minute before the delay").isEmpty();
        assertThat(stage(order)).isEqualTo("REQUEST");

        clock.advance(Duration.ofMinutes(2));
        scheduler.publishDue();
        ReviewRequested request = Shop.awaitRequests(order, 1).get(0);
        assertThat(request.reminder()).isFalse();
        assertThat(request.merchantId()).isEqualTo(order.merchantId());
        assertThat(request.expiresAt()).isAfter(clock.instant().plus(Duration.ofDays(29)));
        assertThat(request.items()).extracting(ReviewRequested.Item::sku).containsExactly("SAREE-1", "DUPATTA-2");
        assertThat(request.items().get(0).stars()).extracting(ReviewRequested.StarLink::stars)
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(request.items().get(0).stars().get(4).url())
                .matches("http://127\\.0\\.0\\.1:8084/r/" + order.orderId() + "/SAREE-1/5\\?e=\\d+&s=[A-Za-z0-9_-]{43}");

        clock.advance(REMINDER.minusMinutes(1));
        scheduler.publishDue();
        outbox.drain();
        assertThat(Shop.requestsFor(order)).as("a minute before the reminder").hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        scheduler.publishDue();
        List<ReviewRequested> both = Shop.awaitRequests(order, 2);
        assertThat(both).extracting(ReviewRequested::reminder).containsExactly(false, true);
        assertThat(both.get(1).requestId()).isNotEqualTo(both.get(0).requestId());

        clock.advance(Duration.ofDays(30));
        scheduler.publishDue();
        outbox.drain();
        assertThat(Shop.requestsFor(order)).as("one reminder at most").hasSize(2);
        assertThat(stage(order)).isEqualTo("DONE");
    }

    @Test
    void aSecondDeliveryOfTheSameOrder_doesNotScheduleASecondRequest() {
        OrderPlaced order = Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1");
        deliver(order, clock.instant());
        Shop.publish(Shop.delivered(order, clock.instant().plus(Duration.ofDays(1))));

        clock.advance(DELAY.plusDays(1).plusMinutes(1));
        scheduler.publishDue();
        assertThat(Shop.awaitRequests(order, 1)).hasSize(1);
        outbox.drain();
        assertThat(Shop.requestsFor(order)).hasSize(1);
    }

    @Test
    void noRequest_forACancelledOrder_aReturnedOne_aShopperWithoutConsent_orOneWhoOptedOut() {
        String merchant = "merchant-" + UUID.randomUUID();
        OrderPlaced cancelled = Shop.order(merchant, "SAREE-1");
        OrderPlaced returned = Shop.order(merchant, "SAREE-1");
        OrderPlaced noConsent = Shop.order(merchant, "shopper-" + UUID.randomUUID() + "@example.com", false, "SAREE-1");
        String optedOutEmail = "shopper-" + UUID.randomUUID() + "@example.com";
        OrderPlaced optedOut = Shop.order(merchant, optedOutEmail, true, "SAREE-1");
        OrderPlaced asked = Shop.order(merchant, "SAREE-1");
        optOuts.add(dev.shipnotify.review.orders.Orders.shopperOf(optedOutEmail.toUpperCase()), clock.instant());
        for (OrderPlaced order : List.of(cancelled, returned, noConsent, optedOut, asked)) {
            deliver(order, clock.instant());
        }
        Shop.publish(Shop.cancelled(cancelled));
        Shop.publish(Shop.returning(returned));
        await().atMost(Shop.WAIT).until(() -> orders.find(cancelled.orderId()).map(o -> o.cancelled()).orElse(false)
                && orders.find(returned.orderId()).map(o -> o.returned()).orElse(false));

        clock.advance(DELAY.plusMinutes(1));
        scheduler.publishDue();
        Shop.awaitRequests(asked, 1);
        outbox.drain();

        assertThat(skipReason(cancelled)).isEqualTo("order cancelled");
        assertThat(skipReason(returned)).isEqualTo("order returned");
        assertThat(skipReason(noConsent)).isEqualTo("no consent to contact the shopper");
        assertThat(skipReason(optedOut)).isEqualTo("shopper opted out of review requests");
        for (OrderPlaced order : List.of(cancelled, returned, noConsent, optedOut)) {
            assertThat(Shop.requestsFor(order)).as("requests for %s", skipReason(order)).isEmpty();
        }
    }

    @Test
    void anAnsweredRequest_getsNoReminder() {
        OrderPlaced order = Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1");
        deliver(order, clock.instant());
        clock.advance(DELAY.plusMinutes(1));
        scheduler.publishDue();
        Shop.awaitRequests(order, 1);

        requests.answered(order.orderId(), order.merchantId(), clock.instant());
        clock.advance(REMINDER.plusMinutes(1));
        scheduler.publishDue();
        outbox.drain();

        assertThat(Shop.requestsFor(order)).hasSize(1);
        assertThat(stage(order)).isEqualTo("DONE");
    }

    @Test
    void twoSchedulersRacingOverTheSameDueRequests_publishEachOnce() throws Exception {
        String merchant = "merchant-" + UUID.randomUUID();
        List<OrderPlaced> orders = IntStream.range(0, 40).mapToObj(i -> Shop.order(merchant, "SAREE-1")).toList();
        orders.forEach(order -> Shop.publish(order));
        orders.forEach(order -> Shop.publish(Shop.delivered(order, clock.instant())));
        await().atMost(Shop.WAIT).until(() -> orders.stream().allMatch(order -> requests.find(order.orderId()) != null
                && this.orders.find(order.orderId()).isPresent()));
        clock.advance(DELAY.plusMinutes(1));

        // Two replicas share the store and the broker; each runs its own scheduler rounds at the same moment.
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> rounds = () -> scheduler.publishDue() + scheduler.publishDue();
            List<Future<Integer>> results = new ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                results.add(replicas.submit(rounds));
            }
            int published = 0;
            for (Future<Integer> result : results) {
                published += result.get();
            }
            assertThat(published).as("published by both schedulers together").isGreaterThanOrEqualTo(orders.size());
        } finally {
            replicas.shutdownNow();
        }
        outbox.drain();
        for (OrderPlaced order : orders) {
            assertThat(Shop.requestsFor(order)).as("requests for order %s", order.orderId()).hasSize(1);
        }
    }

    @Inject
    OptOuts optOuts;
    @Inject
    dev.shipnotify.review.orders.Orders orders;

    private void deliver(OrderPlaced order, Instant at) {
        Shop.publish(order);
        Shop.publish(Shop.delivered(order, at));
        await().atMost(Shop.WAIT).until(() -> requests.find(order.orderId()) != null
                && orders.find(order.orderId()).isPresent());
    }

    private String stage(OrderPlaced order) {
        return requests.find(order.orderId()).getString("stage");
    }

    private String skipReason(OrderPlaced order) {
        Document schedule = requests.find(order.orderId());
        return schedule.getString("stage").equals("SKIPPED") ? schedule.getString("skipReason") : schedule.getString("stage");
    }
}
