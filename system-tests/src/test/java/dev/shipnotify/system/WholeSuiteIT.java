package dev.shipnotify.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.mail.MailboxClient;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite as processes, started by the README's command: an order placed over HTTP reaches the
 * shopper's inbox once, and its event on the broker carries the order id as key and the CloudEvents headers.
 */
class WholeSuiteIT {
    private static final Suite suite = new Suite();
    private static MailboxClient mailbox;
    private static String apiKey;

    private static String upOutput;

    @BeforeAll
    static void startTheSuite() {
        suite.run("reset");
        upOutput = suite.run("up", "--detach");
        mailbox = new MailboxClient(suite.url("INFRA_MAILBOX_HTTP_PORT"));
        Properties merchant = suite.demoMerchant();
        apiKey = merchant.getProperty("MERCHANT_API_KEY");
        assertThat(merchant.getProperty("MERCHANT_ID")).isNotBlank();
    }

    @AfterAll
    static void stopTheSuite_leavingNoProcessBehind() {
        List<ProcessHandle> started = suite.pids().stream().flatMap(pid -> ProcessHandle.of(pid).stream())
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants())).toList();
        suite.run("down");
        assertThat(started).hasSizeGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started)
                .allSatisfy(process -> assertThat(process.isAlive()).as("process %d after ./suite down", process.pid()).isFalse()));
    }

    @Test
    void sendsOneConfirmationEmail_andPublishesOrderPlacedWithKeyAndCloudEventsHeaders() {
        String email = shopperEmail();
        String orderId = placeOrder(email, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messagesTo(email).size() >= 1);
        assertThat(mailbox.messagesTo(email)).hasSize(1);

        var record = new TopicReader(suite.bootstrapServers())
                .awaitRecord(Topics.ORDER_PLACED, r -> orderId.equals(r.key()), Duration.ofSeconds(10));
        assertThat(record.headers()).containsEntry(CloudEventHeaders.TYPE, EventType.ORDER_PLACED.ceType())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.SUBJECT, orderId)
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TIME);
        assertThat(record.value()).contains(orderId);
    }

    @Test
    void sameIdempotencyKeyTwice_makesOneOrderAndOneEmail() {
        String email = shopperEmail();
        String key = UUID.randomUUID().toString();
        String first = placeOrder(email, key);
        String second = placeOrder(email, key);
        assertThat(second).isEqualTo(first);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messagesTo(email).size() >= 1);
        // A later order's email proves the consumer moved past both requests.
        String later = shopperEmail();
        placeOrder(later, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messagesTo(later).size() >= 1);
        assertThat(mailbox.messagesTo(email)).hasSize(1);
    }

    @Test
    void restartingTheNotificationService_sendsNoSecondConfirmation() {
        String email = shopperEmail();
        placeOrder(email, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.messagesTo(email).size() >= 1);

        suite.run("restart", "notification-service");

        String afterRestart = shopperEmail();
        placeOrder(afterRestart, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.messagesTo(afterRestart).size() >= 1);
        assertThat(mailbox.messagesTo(email)).hasSize(1);
    }

    @Test
    void upPrintsTheDemoMerchantsIdAndKey() {
        Properties merchant = suite.demoMerchant();

        assertThat(upOutput).contains("MERCHANT_ID=" + merchant.getProperty("MERCHANT_ID"))
                .contains("MERCHANT_API_KEY=" + apiKey);
    }

    @Test
    void restartingTheOrderService_republishesNothing() {
        String orderId = placeOrder(shopperEmail(), null);
        TopicReader topics = new TopicReader(suite.bootstrapServers());
        topics.awaitRecord(Topics.ORDER_PLACED, r -> orderId.equals(r.key()), Duration.ofSeconds(10));

        suite.run("restart", "order-service");

        String afterRestart = placeOrder(shopperEmail(), null);
        topics.awaitRecord(Topics.ORDER_PLACED, r -> afterRestart.equals(r.key()), Duration.ofSeconds(20));
        assertThat(topics.readAll(Topics.ORDER_PLACED)).filteredOn(r -> orderId.equals(r.key())).hasSize(1);
    }

    @Test
    void cancellingAnOrder_showsItCancelled_publishesOrderCancelled_andTellsTheShopper() {
        String email = shopperEmail();
        String orderId = placeOrder(email, null);

        given().baseUri(suite.url("ORDER_SERVICE_PORT")).header("Authorization", "Bearer " + apiKey)
                .when().post("/api/orders/" + orderId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        var record = new TopicReader(suite.bootstrapServers())
                .awaitRecord(Topics.ORDER_CANCELLED, r -> orderId.equals(r.key()), Duration.ofSeconds(10));
        assertThat(record.headers()).containsEntry(CloudEventHeaders.TYPE, EventType.ORDER_CANCELLED.ceType());
        given().baseUri(suite.url("ORDER_SERVICE_PORT")).header("Authorization", "Bearer " + apiKey)
                .when().get("/api/orders/" + orderId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.messagesTo(email).stream()
                .anyMatch(mail -> mail.subject().endsWith(" was cancelled")));
    }

    @Test
    void aCourierScanReachesTheOrder_andTheShopper_throughTrackingService() throws Exception {
        String email = shopperEmail();
        String orderId = placeOrder(email, null);
        String number = registerShipment(orderId);

        postScan(number, "OUT_FOR_DELIVERY", "OFD", "Out for delivery");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().baseUri(suite.url("ORDER_SERVICE_PORT"))
                .header("Authorization", "Bearer " + apiKey).when().get("/api/orders/" + orderId)
                .then().statusCode(200).body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("latestShipmentStatus", equalTo("OUT_FOR_DELIVERY")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.messagesTo(email).stream()
                .anyMatch(mail -> mail.subject().endsWith(" arrives today")));
        MailboxClient.Summary arrives = mailbox.messagesTo(email).stream()
                .filter(mail -> mail.subject().endsWith(" arrives today")).findFirst().orElseThrow();
        assertThat(mailbox.message(arrives.id()).html()).contains(number, "/track/delhivery/" + number + "?t=");
    }

    @Test
    void aDeliveredParcel_bringsAReviewRequestEmail_whoseStarLinkRecordsTheRating() throws Exception {
        String email = shopperEmail();
        String sku = "TEA-" + UUID.randomUUID();
        String orderId = placeOrder(email, null, sku);
        String number = registerShipment(orderId);
        postScan(number, "DELIVERED", "DLVD", "Delivered");

        String link = fiveStarLink(email, orderId, sku);

        given().get(link).then().statusCode(200).contentType(containsString("text/html"));

        given().baseUri(suite.url("REVIEW_SERVICE_PORT")).get("/api/products/{sku}/reviews", sku).then()
                .statusCode(200).body("count", equalTo(1)).body("reviews[0].rating", equalTo(5))
                .body("reviews[0].verifiedPurchase", equalTo(true));
    }

    @Test
    void theOpsConsole_reportsTheLagOfEveryServicesConsumerGroup() {
        placeOrder(shopperEmail(), null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(suite.url("OPS_CONSOLE_PORT"))
                .get("/api/lag").then().statusCode(200)
                .body("groups.group", org.hamcrest.Matchers.hasItems("order-service", "tracking-service",
                        "notification-service", "review-service"))
                .body("groups.find { it.group == 'notification-service' }.partitions.topic",
                        org.hamcrest.Matchers.hasItem("order-placed")));
    }

    @Test
    void aDeadLetteredScan_replayedFromTheOpsConsoleAfterItsOrderCame_tellsTheShopperOnce() throws Exception {
        String email = shopperEmail();
        String orderId = UUID.randomUUID().toString();
        String merchantId = suite.demoMerchant().getProperty("MERCHANT_ID");
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        String dlq = Topics.deadLetter(Topics.SHIPMENT_UPDATED, "notification-service");
        // The parcel is out for delivery before notification-service heard of its order: it waits
        // NOTIFICATION_PARKED_MAX_WAIT (10 s here), then goes to the dead-letter topic.
        String eventId;
        try (EventPublisher events = new EventPublisher(suite.bootstrapServers(), json)) {
            eventId = events.publish(new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    orderId, merchantId, "Delhivery", "DL" + orderId.substring(0, 8), ShipmentStatus.OUT_FOR_DELIVERY,
                    ShipmentStatus.IN_TRANSIT, null, new Checkpoint(Instant.now().minusSeconds(60),
                            ShipmentStatus.OUT_FOR_DELIVERY, null, "OFD", "Out for delivery", null), null, null));
        }
        String ops = suite.url("OPS_CONSOLE_PORT");
        Map<String, Object> deadLetter = await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(ops)
                .get("/api/dead-letters/{topic}", dlq).then().extract().jsonPath()
                .<String, Object>getMap("find { it.eventId == '" + eventId + "' }"), Objects::nonNull);
        assertThat(deadLetter.get("reason")).isEqualTo("order " + orderId + " did not arrive within PT10S");

        // The fix: the order's event arrives after all. Then on-call replays the dead letter, and asks again.
        try (EventPublisher events = new EventPublisher(suite.bootstrapServers(), json)) {
            events.publish(new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderId, merchantId, Instant.now(),
                    new OrderPlaced.Merchant("Chai Point", "Chai Point", "orders@chai-point.example", null, null,
                            null, null, "en-IN", null),
                    new OrderPlaced.Customer("Asha Rao", email, null, "en-IN", "Asia/Kolkata",
                            new OrderPlaced.Consent(true, false)),
                    List.of(new OrderPlaced.Item("TEA-ASSAM-250", "Assam tea, 250 g", 1,
                            new Money(new BigDecimal("499.00"), "INR"), null)),
                    new Money(new BigDecimal("499.00"), "INR"), new OrderPlaced.Shipping("Bengaluru", "560001", "IN")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !mailbox.messagesTo(email).isEmpty());
        String replay = "/api/dead-letters/" + dlq + "/" + deadLetter.get("partition") + "/" + deadLetter.get("offset")
                + "/replay";
        given().baseUri(ops).header("Authorization", "Bearer " + Suite.ADMIN_TOKEN).post(replay).then()
                .statusCode(200).body("replayed[0].replayed.topic", equalTo(Topics.SHIPMENT_UPDATED));
        given().baseUri(ops).header("Authorization", "Bearer " + Suite.ADMIN_TOKEN).post(replay).then()
                .statusCode(409);

        await().atMost(Duration.ofSeconds(20)).until(() -> arrivesToday(email) == 1);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> arrivesToday(email) == 1);
    }

    @Test
    void aPoisonRecordOnEveryTopic_isDeadLetteredWithItsReasonWithin10s_byEveryGroupReadingIt_whichMovesOn()
            throws Exception {
        Map<String, List<String>> readers = Map.of(
                Topics.MERCHANT_KEYS, List.of("tracking-service", "notification-service", "review-service"),
                Topics.ORDER_PLACED, List.of("tracking-service", "notification-service", "review-service"),
                Topics.ORDER_CANCELLED, List.of("notification-service", "review-service"),
                Topics.SHIPMENT_UPDATED, List.of("order-service", "notification-service", "review-service"),
                Topics.DELIVERED, List.of("order-service", "notification-service", "review-service"),
                Topics.REVIEW_REQUESTED, List.of("notification-service"),
                Topics.REVIEW_THANKED, List.of("notification-service"),
                Topics.SHOPPER_REPLIED, List.of("review-service"));
        assertThat(readers.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);

        // A body cut short: the headers say which event it is, but no consumer can read it.
        Map<String, RecordMetadata> poisons = new TreeMap<>();
        try (EventPublisher events = new EventPublisher(suite.bootstrapServers(), new ObjectMapper())) {
            for (String topic : readers.keySet()) {
                EventType type = Stream.of(EventType.values()).filter(t -> t.topic().equals(topic)).findFirst()
                        .orElseThrow();
                poisons.put(topic, events.publishRaw(topic, "poison-" + UUID.randomUUID(),
                        "{\"orderId\": \"".getBytes(StandardCharsets.UTF_8),
                        EventPublisher.cloudEventHeaders(type, UUID.randomUUID().toString(), "poison")));
            }
        }

        TopicReader reader = new TopicReader(suite.bootstrapServers());
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers());
        Duration slowest = Duration.ZERO;
        try (Admin admin = Admin.create(config)) {
            for (var poison : poisons.entrySet()) {
                RecordMetadata at = poison.getValue();
                for (String group : readers.get(poison.getKey())) {
                    TopicReader.Record deadLetter = reader.awaitRecord(Topics.deadLetter(poison.getKey(), group),
                            r -> String.valueOf(at.partition()).equals(r.header("dead-letter-partition"))
                                    && String.valueOf(at.offset()).equals(r.header("dead-letter-offset")),
                            Duration.ofSeconds(30));
                    assertThat(deadLetter.header("dead-letter-reason")).as("reason of %s", deadLetter.topic())
                            .isNotBlank();
                    // Timed by the broker's clock: the poison's append to the dead letter's.
                    Duration took = Duration.between(Instant.ofEpochMilli(at.timestamp()), deadLetter.timestamp());
                    assertThat(took).as("%s dead-lettered by %s", poison.getKey(), group)
                            .isLessThanOrEqualTo(Duration.ofSeconds(10));
                    slowest = took.compareTo(slowest) > 0 ? took : slowest;
                    // Offsets are committed every 5 s (throttled strategy): past the poison soon after that.
                    TopicPartition partition = new TopicPartition(poison.getKey(), at.partition());
                    await().atMost(Duration.ofSeconds(15)).alias(group + " commits past the poison on " + partition)
                            .until(() -> Optional.ofNullable(admin.listConsumerGroupOffsets(group)
                                    .partitionsToOffsetAndMetadata().get().get(partition))
                                    .filter(committed -> committed.offset() > at.offset()).isPresent());
                }
            }
        }
        System.out.printf("Poison records on %d topics dead-lettered by every group reading them, the slowest in %d "
                + "ms%n", poisons.size(), slowest.toMillis());
    }

    @Test
    void everyMerchantAndAdminEndpoint_refusesMissingAndWrongCredentials() throws Exception {
        // Read-only and public on purpose: what shoppers think of a product or a merchant, and ops-console's views
        // (it listens on the operators' network); its replays need the token.
        Set<String> open = Set.of("review-service GET /api/products/{sku}/reviews",
                "review-service GET /api/merchants/{merchantId}/ratings", "ops-console GET /api/lag",
                "ops-console GET /api/dead-letters", "ops-console GET /api/dead-letters/{topic}");
        Map<String, String> ports = Map.of("order-service", "ORDER_SERVICE_PORT", "tracking-service",
                "TRACKING_SERVICE_PORT", "notification-service", "NOTIFICATION_SERVICE_PORT", "review-service",
                "REVIEW_SERVICE_PORT", "ops-console", "OPS_CONSOLE_PORT");
        ObjectMapper json = new ObjectMapper();
        Set<String> checked = new TreeSet<>();
        for (var service : new TreeMap<>(ports).entrySet()) {
            JsonNode paths = json.readTree(given().baseUri(suite.url(service.getValue())).accept("application/json")
                    .get("/q/openapi?format=json").then().statusCode(200).extract().asString()).path("paths");
            for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
                if (!path.getKey().startsWith("/api/")) {
                    continue;
                }
                for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String endpoint = service.getKey() + " " + method + " " + path.getKey();
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method) || open.contains(endpoint)) {
                        continue;
                    }
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    for (String authorization : new String[] {null, "Bearer wrong-" + UUID.randomUUID(),
                            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes())}) {
                        var request = given().baseUri(suite.url(service.getValue())).contentType(ContentType.JSON)
                                .body("{}");
                        if (authorization != null) {
                            request.header("Authorization", authorization);
                        }
                        int status = request.request(method, concrete).statusCode();
                        assertThat(status).as("%s with %s", endpoint, authorization == null ? "no credentials"
                                : authorization.substring(0, 6) + "…").isIn(401, 403);
                    }
                    checked.add(endpoint);
                }
            }
        }
        assertThat(checked).as("endpoints checked").contains("order-service POST /api/orders",
                "order-service POST /api/admin/merchants", "tracking-service POST /api/shipments",
                "notification-service GET /api/notifications", "ops-console POST /api/dead-letters/{topic}/replay")
                .hasSizeGreaterThan(12);
        System.out.printf("%d merchant and admin endpoints refuse missing and wrong credentials%n", checked.size());
    }

    @Test
    void trackingAndReviewLinks_openOnlyTheirOwnOrder_andCannotBeMadeUp() throws Exception {
        String sku = "TEA-" + UUID.randomUUID();
        String emailA = shopperEmail();
        String emailB = shopperEmail();
        String orderA = placeOrder(emailA, null, sku);
        String orderB = placeOrder(emailB, null, sku);
        String numberA = registerShipment(orderA);
        String numberB = registerShipment(orderB);

        String trackingA = trackingUrl(numberA);
        String tokenB = trackingUrl(numberB).replaceAll(".*[?&]t=([^&]+).*", "$1");
        given().get(trackingA).then().statusCode(200);
        given().get(trackingA.replaceAll("([?&]t=)[^&]+", "$1" + tokenB)).then().statusCode(404);
        given().get(trackingA.replaceAll("([?&]t=)[^&]+", "$1" + UUID.randomUUID().toString().replace("-", "")))
                .then().statusCode(404);

        postScan(numberA, "DELIVERED", "DLVD", "Delivered");
        String starA = fiveStarLink(emailA, orderA, sku);
        String signature = starA.replaceAll(".*[?&]s=([^&]+).*", "$1");
        String forged = signature.substring(0, signature.length() - 1) + (signature.endsWith("A") ? "B" : "A");
        for (String madeUp : List.of(starA.replace(orderA, orderB), starA.replace("s=" + signature, "s=" + forged),
                starA.replaceAll("e=\\d+", "e=" + (Instant.now().getEpochSecond() + 86_400 * 365)))) {
            assertThat(given().redirects().follow(false).get(madeUp).statusCode()).as(madeUp).isIn(403, 410);
        }
        given().baseUri(suite.url("REVIEW_SERVICE_PORT")).get("/api/products/{sku}/reviews", sku).then()
                .statusCode(200).body("count", equalTo(0)).body("reviews", empty());
        given().get(starA).then().statusCode(200);
        given().baseUri(suite.url("REVIEW_SERVICE_PORT")).get("/api/products/{sku}/reviews", sku).then()
                .statusCode(200).body("count", equalTo(1)).body("reviews[0].rating", equalTo(5));
    }

    @Test
    void theMetricsOfTheDashboardAndTheAlerts_areExportedByTheServices() throws Exception {
        // A journey through every service: an order, its parcel out for delivery and delivered, the review request
        // and a star clicked; and a record no consumer can read, for the dead-letter topics.
        String email = shopperEmail();
        String sku = "TEA-" + UUID.randomUUID();
        String orderId = placeOrder(email, null, sku);
        String number = registerShipment(orderId);
        postScan(number, "OUT_FOR_DELIVERY", "OFD", "Out for delivery");
        postScan(number, "DELIVERED", "DLVD", "Delivered");
        given().get(fiveStarLink(email, orderId, sku)).then().statusCode(200);
        try (EventPublisher events = new EventPublisher(suite.bootstrapServers(), new ObjectMapper())) {
            events.publishRaw(Topics.ORDER_PLACED, "poison-" + UUID.randomUUID(),
                    "not an order".getBytes(StandardCharsets.UTF_8), Map.of(CloudEventHeaders.ID,
                            UUID.randomUUID().toString(), CloudEventHeaders.TYPE, EventType.ORDER_PLACED.ceType()));
        }

        Set<String> used = new TreeSet<>();
        for (String file : List.of("deploy/prometheus/alerts.yml", "deploy/grafana/dashboards/shipment-notifications.json")) {
            Matcher expr = Pattern.compile("\"?expr\"?: \"?(.+?)\"?,?$", Pattern.MULTILINE)
                    .matcher(Files.readString(Suite.ROOT.resolve(file)));
            while (expr.find()) {
                used.addAll(metricNames(expr.group(1)));
            }
        }
        assertThat(used).contains("kafka_consumer_group_lag_seconds", "webhooks_received_total",
                "notification_scan_to_accepted_seconds_bucket");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (String port : List.of("ORDER_SERVICE_PORT", "TRACKING_SERVICE_PORT", "NOTIFICATION_SERVICE_PORT",
                    "REVIEW_SERVICE_PORT", "OPS_CONSOLE_PORT")) {
                given().baseUri(suite.url(port)).get("/q/metrics").then().statusCode(200).extract().asString()
                        .lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("[{ ]")[0]).forEach(exported::add);
            }
            assertThat(exported).as("metrics on the services' /q/metrics").containsAll(used);
        });
    }

    @Test
    void oneTraceRunsFromTheCourierWebhookToTheEmail_andNoLogHoldsTheShoppersAddressOrPhone() throws Exception {
        String email = shopperEmail();
        String orderId = placeOrder(email, null);
        String number = registerShipment(orderId);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        // Not sampled (flags 00): the suite records no span, having no collector, but the context travels all the same.
        postScan(number, "OUT_FOR_DELIVERY", "OFD", "Out for delivery", "00-" + traceId + "-00f067aa0ba902b7-00");

        var record = new TopicReader(suite.bootstrapServers()).awaitRecord(Topics.SHIPMENT_UPDATED,
                r -> orderId.equals(r.key()), Duration.ofSeconds(20));
        assertThat(record.header(CloudEventHeaders.TRACE_PARENT)).startsWith("00-" + traceId + "-");
        Path log = suite.home.resolve("logs/notification-service.log");
        ObjectMapper json = new ObjectMapper();
        JsonNode sent = await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("{")).map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (IOException e) {
                        return json.createObjectNode();
                    }
                })
                .filter(line -> line.path("message").asText().startsWith("Sent OUT_FOR_DELIVERY EMAIL for order " + orderId))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(sent.path("mdc").path("traceId").asText()).as("the send's log line, in the webhook's trace")
                .isEqualTo(traceId);
        assertThat(sent.path("message").asText()).doesNotContain(email);

        try (Stream<Path> logs = Files.list(suite.home.resolve("logs"))) {
            for (Path file : logs.toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.getFileName().toString()).doesNotContain(email).doesNotContain("9876543210");
            }
        }
    }

    /** The metric names in a PromQL expression: what is left once label lists, ranges and functions are gone. */
    private static List<String> metricNames(String promql) {
        String bare = promql.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("(by|without) \\([^)]*\\)", " ");
        return Pattern.compile("[a-z_][a-z0-9_]*").matcher(bare).results().map(MatchResult::group)
                .filter(name -> name.contains("_") && !name.equals("histogram_quantile")).toList();
    }

    /**
     * The five-star link of the review request for the order's item: review-service asks REVIEW_REQUEST_DELAY (1 s
     * here) after delivery, on its next scheduler round (5 s).
     */
    private static String fiveStarLink(String email, String orderId, String sku) {
        Pattern fiveStars = Pattern.compile("href=\"(" + Pattern.quote(suite.url("REVIEW_SERVICE_PORT")) + "/r/"
                + orderId + "/" + sku + "/5\\?e=\\d+&(?:amp;)?s=[A-Za-z0-9_-]+)\"");
        return await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messagesTo(email).stream()
                .map(mail -> fiveStars.matcher(mailbox.message(mail.id()).html()))
                .filter(Matcher::find).map(found -> found.group(1).replace("&amp;", "&")).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static long arrivesToday(String email) {
        return mailbox.messagesTo(email).stream().filter(mail -> mail.subject().endsWith(" arrives today")).count();
    }

    /**
     * Registers a Delhivery parcel of the order with tracking-service, which learns the demo merchant's key and the
     * order from the broker within moments; answers its tracking number.
     */
    /** The shopper's link to the parcel's tracking page, as the merchant's API gives it. */
    private static String trackingUrl(String number) {
        return given().baseUri(suite.url("TRACKING_SERVICE_PORT")).header("Authorization", "Bearer " + apiKey)
                .get("/api/shipments?carrier=delhivery&trackingNumber={number}", number).then().statusCode(200)
                .extract().path("trackingUrl");
    }

    private static String registerShipment(String orderId) {
        String number = "DL" + UUID.randomUUID().toString().substring(0, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(suite.url("TRACKING_SERVICE_PORT"))
                .header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body("{\"orderId\": \"%s\", \"carrier\": \"Delhivery\", \"trackingNumber\": \"%s\"}"
                        .formatted(orderId, number))
                .when().post("/api/shipments").statusCode() == 201);
        return number;
    }

    /** Posts one scan of the parcel a minute ago, signed as the canonical webhook wants; expects it accepted. */
    private static void postScan(String number, String status, String courierCode, String message) throws Exception {
        postScan(number, status, courierCode, message, null);
    }

    /** As {@link #postScan(String, String, String, String)}, in the caller's trace if {@code traceParent} is given. */
    private static void postScan(String number, String status, String courierCode, String message,
            String traceParent) throws Exception {
        String scan = """
                {"carrier": "Delhivery", "trackingNumber": "%s", "status": "%s", "courierCode": "%s",
                 "message": "%s", "time": "%s", "location": {"city": "Bengaluru", "country": "IN"}}"""
                .formatted(number, status, courierCode, message, OffsetDateTime.now().minusMinutes(1));
        String secret = suite.webhookSecrets().getProperty("TRACKING_WEBHOOK_CANONICAL_SECRETS").split(",")[0];
        StandardWebhook.post(suite.url("TRACKING_SERVICE_PORT") + "/webhooks/canonical", secret, scan,
                traceParent == null ? Map.of() : Map.of(CloudEventHeaders.TRACE_PARENT, traceParent))
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    private static String shopperEmail() {
        return "shopper-" + UUID.randomUUID() + "@example.com";
    }

    private static String placeOrder(String email, String idempotencyKey) {
        return placeOrder(email, idempotencyKey, "TEA-ASSAM-250");
    }

    private static String placeOrder(String email, String idempotencyKey, String sku) {
        var request = given().baseUri(suite.url("ORDER_SERVICE_PORT"))
                .header("Authorization", "Bearer " + apiKey)
                .contentType(ContentType.JSON)
                .body("""
                        {"customer": {"name": "Asha Rao", "email": "%s", "phone": "+919876543210", "locale": "en-IN",
                                      "timeZone": "Asia/Kolkata", "consent": {"email": true, "whatsapp": false}},
                         "items": [{"sku": "%s", "name": "Assam tea, 250 g", "quantity": 2,
                                    "unitPrice": {"amount": "499.00", "currency": "INR"},
                                    "imageUrl": "https://example.com/tea.png"}],
                         "shippingAddress": {"line1": "12 MG Road", "city": "Bengaluru", "postcode": "560001",
                                             "country": "IN"}}
                        """.formatted(email, sku));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/api/orders").then().statusCode(201).extract().path("id");
    }
}
