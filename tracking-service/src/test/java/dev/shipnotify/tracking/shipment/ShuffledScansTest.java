package dev.shipnotify.tracking.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.Events;
import dev.shipnotify.tracking.TestMerchant;
import dev.shipnotify.tracking.Webhooks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 1,000 scans across 100 shipments, a third of them sent twice, all shuffled and posted by four couriers at once:
 * each shipment ends in the status its scans say by courier time, and each delivered one is announced once. A
 * parcel whose return was known before its delivery was reported is never announced as delivered: the shopper
 * must not be asked to review an order that came back.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ShuffledScansTest {
    private static final int SHIPMENTS = 100;
    private static final OffsetDateTime START = OffsetDateTime.of(2025, 3, 14, 9, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));

    /** Ten scans per shipment, by courier time; four endings, with the final status each must reach. */
    private static final List<List<String>> ENDINGS = List.of(
            List.of("FAILED_ATTEMPT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"),
            List.of("OUT_FOR_DELIVERY", "OUT_FOR_DELIVERY", "DELIVERED", "IN_TRANSIT"),
            List.of("FAILED_ATTEMPT", "FAILED_ATTEMPT", "EXCEPTION", "IN_TRANSIT"),
            List.of("DELIVERED", "RETURNING", "RETURNED", "IN_TRANSIT"));
    private static final List<String> FINAL = List.of("DELIVERED", "DELIVERED", "IN_TRANSIT", "RETURNED");

    @Inject
    ObjectMapper json;

    @Test
    void endsInTheRightStatus_andAnnouncesEachDeliveryOnce() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        List<String> orders = merchant.placedOrders(SHIPMENTS);
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Map<String, String> expected = new HashMap<>();
        Map<String, String> orderOf = new HashMap<>();
        List<String> scans = new ArrayList<>();
        for (int i = 0; i < SHIPMENTS; i++) {
            String number = "SH" + run + "-" + i;
            merchant.register(orders.get(i), "Delhivery", number).then().statusCode(201);
            expected.put(number, FINAL.get(i % 4));
            orderOf.put(orders.get(i), number);
            List<String> statuses = new ArrayList<>(List.of("INFO_RECEIVED", "IN_TRANSIT", "IN_TRANSIT", "IN_TRANSIT",
                    "IN_TRANSIT", "OUT_FOR_DELIVERY"));
            statuses.addAll(ENDINGS.get(i % 4));
            for (int step = 0; step < statuses.size(); step++) {
                scans.add(Webhooks.scan("Delhivery", number, statuses.get(step),
                        START.plusHours(3L * step).plusMinutes(i).toString()).replace("Scan ", "Scan " + step + " "));
            }
        }
        Random random = new Random(20250317);
        List<String> stream = new ArrayList<>(scans);
        scans.stream().filter(s -> random.nextInt(3) == 0).forEach(stream::add);
        Collections.shuffle(stream, random);

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService couriers = Executors.newFixedThreadPool(4);
        List<Future<?>> posts = new ArrayList<>();
        for (int from = 0; from < stream.size(); from += 20) {
            List<String> batch = stream.subList(from, Math.min(stream.size(), from + 20));
            posts.add(couriers.submit(() -> {
                Response response = Webhooks.canonical("[" + String.join(",", batch) + "]");
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                accepted.addAndGet(response.path("accepted"));
                duplicates.addAndGet(response.path("duplicates"));
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        couriers.shutdown();

        assertThat(accepted.get()).isEqualTo(scans.size());
        assertThat(duplicates.get()).isEqualTo(stream.size() - scans.size());
        for (Map.Entry<String, String> shipment : expected.entrySet()) {
            merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", shipment.getKey())
                    .when().get("/api/shipments").then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo(shipment.getValue()))
                    .body("checkpoints.size()", org.hamcrest.Matchers.equalTo(10));
        }
        Set<String> delivered = orders.stream().filter(o -> expected.get(orderOf.get(o)).equals("DELIVERED"))
                .collect(Collectors.toSet());
        Set<String> returned = orders.stream().filter(o -> expected.get(orderOf.get(o)).equals("RETURNED"))
                .collect(Collectors.toSet());
        Events.await(Topics.DELIVERED, r -> delivered.contains(r.key()), delivered.size());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<TopicReader.Record>> updates = Events.all(Topics.SHIPMENT_UPDATED,
                    r -> orderOf.containsKey(r.key())).stream().collect(Collectors.groupingBy(TopicReader.Record::key));
            assertThat(updates).hasSize(SHIPMENTS);
            for (Map.Entry<String, List<TopicReader.Record>> shipment : updates.entrySet()) {
                List<TopicReader.Record> records = shipment.getValue();
                assertThat(json.readTree(records.get(records.size() - 1).value()).path("status").asText())
                        .as("last shipment-updated of %s", shipment.getKey())
                        .isEqualTo(expected.get(orderOf.get(shipment.getKey())));
            }
        });
        Map<String, Long> deliveredEvents = Events.all(Topics.DELIVERED, r -> orderOf.containsKey(r.key())).stream()
                .collect(Collectors.groupingBy(TopicReader.Record::key, Collectors.counting()));
        assertThat(deliveredEvents.keySet()).containsAll(delivered)
                .allMatch(orderId -> delivered.contains(orderId) || returned.contains(orderId));
        assertThat(deliveredEvents.values()).containsOnly(1L);
    }
}
