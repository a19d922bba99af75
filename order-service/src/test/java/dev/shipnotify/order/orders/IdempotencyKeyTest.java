package dev.shipnotify.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.Rows;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class IdempotencyKeyTest {
    private static final int CONCURRENT_REQUESTS = 20;

    @Inject
    ObjectMapper json;

    @Inject
    Rows rows;

    @TestHTTPResource("/api/orders")
    URI ordersUri;

    @Test
    void replaysTheFirstResponse_whenTheSameKeyAndBodyComeTwice() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder();
        String key = UUID.randomUUID().toString();

        Response first = place(merchant, key, order.json());
        Response second = place(merchant, key, reformatted(order));

        first.then().statusCode(201);
        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertOneOrderAndOneEvent(merchant, first.path("id"));
    }

    @Test
    void answers422AndStoresNothingNew_whenTheSameKeyComesWithAnotherBody() {
        TestMerchant merchant = TestMerchant.create();
        String key = UUID.randomUUID().toString();
        OrderJson order = OrderJson.anOrder();
        String orderId = place(merchant, key, order.json()).then().statusCode(201).extract().path("id");

        place(merchant, key, order.set("items[1].quantity", 3).json())
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:idempotency-key-reused"))
                .body("status", equalTo(422));

        assertOneOrderAndOneEvent(merchant, orderId);
    }

    @Test
    void keysBelongToOneMerchant_soAnotherMerchantMayUseTheSameKey() {
        TestMerchant first = TestMerchant.create();
        TestMerchant second = TestMerchant.create();
        String key = UUID.randomUUID().toString();

        String firstOrder = place(first, key, OrderJson.anOrder().json()).then().statusCode(201).extract().path("id");
        String secondOrder = place(second, key, OrderJson.anOrder().json()).then().statusCode(201).extract().path("id");

        assertThat(secondOrder).isNotEqualTo(firstOrder);
        assertThat(rows.orders(first.id())).isEqualTo(1);
        assertThat(rows.orders(second.id())).isEqualTo(1);
    }

    @Test
    void makesOneOrderAndOneEvent_whenTwentyIdenticalRequestsRace() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String body = OrderJson.anOrder().json();
        String key = UUID.randomUUID().toString();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return client.send(HttpRequest.newBuilder(ordersUri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + merchant.apiKey())
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
            assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
            assertThat(responses).filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
                    .hasSize(1);
            assertOneOrderAndOneEvent(merchant, json.readTree(responses.get(0).body()).get("id").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answers400_whenTheKeyIsTooLong() {
        TestMerchant merchant = TestMerchant.create();

        place(merchant, "k".repeat(256), OrderJson.anOrder().json())
                .then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));

        assertThat(rows.orders(merchant.id())).isZero();
    }

    private static Response place(TestMerchant merchant, String key, String body) {
        return merchant.request().header("Idempotency-Key", key).body(body).when().post("/api/orders");
    }

    /** The same order with other whitespace: the same request, not the same bytes. */
    private String reformatted(OrderJson order) throws Exception {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(order.json()));
    }

    private void assertOneOrderAndOneEvent(TestMerchant merchant, String orderId) {
        assertThat(rows.orders(merchant.id())).isEqualTo(1);
        assertThat(rows.orderPlacedEvents(merchant.id())).isEqualTo(1);
        OrderEvents.awaitOrder(orderId);
        // A later order of the same merchant is published after any earlier one, so once it is on the topic,
        // a duplicate of the first would be there too.
        String sentinel = merchant.placeOrder(OrderJson.anOrder()).then().statusCode(201).extract().path("id");
        OrderEvents.awaitOrder(sentinel);
        assertThat(OrderEvents.recordsWithKey(orderId)).hasSize(1);
    }
}
