package dev.shipnotify.tracking.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.Events;
import dev.shipnotify.tracking.Store;
import dev.shipnotify.tracking.TestMerchant;
import dev.shipnotify.tracking.Webhooks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Our own webhook format, signed the Standard Webhooks way, end to end on the real broker and MongoDB wire server. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class CanonicalWebhookTest {

    @Inject
    ObjectMapper json;

    @Inject
    Store store;

    @Test
    void aSignedScanMovesTheShipment_andPublishesShipmentUpdatedKeyedByOrder() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "DL" + UUID.randomUUID().toString().substring(0, 10);
        String shipmentId = merchant.register(orderId, "Delhivery", number).then().statusCode(201).extract().path("id");

        Webhooks.canonical(Webhooks.scan("delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30"))
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));

        merchant.request().when().get("/api/shipments/" + shipmentId).then().statusCode(200)
                .body("status", equalTo("IN_TRANSIT"))
                .body("checkpoints", hasSize(1))
                .body("checkpoints[0].time", equalTo("2025-03-16T15:35:00Z"))
                .body("checkpoints[0].courierCode", equalTo("X-IN_TRANSIT"))
                .body("checkpoints[0].location.city", equalTo("Bengaluru"))
                .body("checkpoints[0].source", equalTo("canonical"));
        TopicReader.Record record = Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()));
        assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo(EventType.SHIPMENT_UPDATED.ceType());
        assertThat(record.header(CloudEventHeaders.SOURCE)).isEqualTo("/tracking-service");
        assertThat(record.header(CloudEventHeaders.SUBJECT)).isEqualTo(orderId);
        assertThat(record.header(CloudEventHeaders.ID)).isNotBlank();
        try (InputStream schema = EventType.class.getResourceAsStream(EventType.SHIPMENT_UPDATED.schemaResource())) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(json.readTree(record.value()))).isEmpty();
        }
        ShipmentUpdated updated = json.readValue(record.value(), ShipmentUpdated.class);
        assertThat(updated.shipmentId()).isEqualTo(shipmentId);
        assertThat(updated.merchantId()).isEqualTo(merchant.id());
        assertThat(updated.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(updated.previousStatus()).isEqualTo(ShipmentStatus.PENDING);
        assertThat(updated.checkpoint().time()).isEqualTo(Instant.parse("2025-03-16T15:35:00Z"));
        assertThat(updated.trackingUrl()).contains("/track/delhivery/" + number + "?t=");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document stored = store.collection("shipments").find(Filters.eq("_id", shipmentId)).first();
            assertThat(stored.getList("pendingEvents", Document.class)).as("published events leave the document")
                    .isEmpty();
            assertThat(stored.getBoolean("outboxPending")).isFalse();
        });
    }

    @Test
    void theEventCarriesTheTraceOfTheWebhookRequest_inItsTraceparentHeader() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "TR" + UUID.randomUUID().toString().substring(0, 10);
        merchant.register(orderId, "Delhivery", number).then().statusCode(201);
        String traceId = UUID.randomUUID().toString().replace("-", "");

        Webhooks.canonical(Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30"),
                Webhooks.SECRET, Instant.now(), java.util.Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"))
                .then().statusCode(200).body("accepted", equalTo(1));

        TopicReader.Record record = Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()));
        assertThat(record.header(CloudEventHeaders.TRACE_PARENT)).as("same trace, the webhook's own span")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void aDeliveryIsAnnouncedOnce_howeverOftenTheCourierSendsIt() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "BD" + UUID.randomUUID().toString().substring(0, 10);
        merchant.register(orderId, "Blue Dart", number).then().statusCode(201);
        String delivered = Webhooks.scan("Blue Dart", number, "DELIVERED", "2025-03-17T14:20:00+05:30");

        Webhooks.canonical("[" + Webhooks.scan("Blue Dart", number, "OUT_FOR_DELIVERY", "2025-03-17T08:42:00+05:30")
                + "," + delivered + "]").then().statusCode(200).body("accepted", equalTo(2));
        Webhooks.canonical(delivered).then().statusCode(200).body("accepted", equalTo(0))
                .body("duplicates", equalTo(1));

        TopicReader.Record record = Events.await(Topics.DELIVERED, r -> orderId.equals(r.key()));
        ShipmentDelivered event = json.readValue(record.value(), ShipmentDelivered.class);
        assertThat(event.deliveredAt()).isEqualTo(Instant.parse("2025-03-17T08:50:00Z"));
        assertThat(event.location().city()).isEqualTo("Bengaluru");
        Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()) && r.value().contains("\"DELIVERED\""));
        assertThat(Events.all(Topics.DELIVERED, r -> orderId.equals(r.key()))).hasSize(1);
        assertThat(Events.all(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key())))
                .extracting(r -> json.readTree(r.value()).path("status").asText())
                .containsExactly("DELIVERED");
    }

    @Test
    void aScanBeforeItsParcelIsRegistered_waits_andIsAppliedOnRegistration() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "XB" + UUID.randomUUID().toString().substring(0, 10);

        Webhooks.canonical(Webhooks.scan("XpressBees", number, "INFO_RECEIVED", "2025-03-15T11:00:00+05:30"))
                .then().statusCode(200).body("accepted", equalTo(1)).body("awaitingRegistration", equalTo(1));
        merchant.register(orderId, "xpressbees", number).then().statusCode(201)
                .body("status", equalTo("INFO_RECEIVED"))
                .body("checkpoints", hasSize(1));

        Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()));
    }

    @Test
    void refusesWrongMissingOrStaleSignatures_withA401_andStoresNothing() {
        String number = "REJ" + UUID.randomUUID().toString().substring(0, 10);
        String body = Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30");

        Webhooks.canonical(body, "whsec_c29tZWJvZHktZWxzZXMtc2VjcmV0LTAwMDAwMDE=", Instant.now())
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:invalid-signature"));
        Webhooks.canonical(body, Webhooks.SECRET, Instant.now().minus(Duration.ofMinutes(6)))
                .then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("timestamp"));
        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/canonical")
                .then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("webhook-signature"));
        long ts = Instant.now().getEpochSecond();
        byte[] signed = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String signature = StandardWebhooks.sign(StandardWebhooks.key(Webhooks.SECRET), "msg_1", ts, signed);
        byte[] flipped = signed.clone();
        flipped[flipped.length - 3] ^= 1;
        given().contentType(ContentType.JSON).header(StandardWebhooks.ID, "msg_1")
                .header(StandardWebhooks.TIMESTAMP, Long.toString(ts)).header(StandardWebhooks.SIGNATURE, signature)
                .body(flipped).when().post("/webhooks/canonical").then().statusCode(401);

        assertThat(store.collection("scans").countDocuments(Filters.eq("trackingNumber", number))).isZero();
    }

    @Test
    void acceptsTheSecretBeingRotatedOut() {
        String number = "ROT" + UUID.randomUUID().toString().substring(0, 10);

        Webhooks.canonical(Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30"),
                Webhooks.OLD_SECRET, Instant.now()).then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void answers400NamingTheField_forAMalformedScan_andStoresNone() {
        String number = "BAD" + UUID.randomUUID().toString().substring(0, 10);
        String good = Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30");
        String badStatus = Webhooks.scan("Delhivery", number, "LOST_IN_SPACE", "2025-03-16T21:05:00+05:30");
        String noOffset = Webhooks.scan("Delhivery", number, "DELIVERED", "2025-03-16T21:05:00");

        Webhooks.canonical("[" + good + "," + badStatus + "," + noOffset + "]").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("[1].status", "[2].time"));
        Webhooks.canonical("{\"carrier\": ").then().statusCode(400).body("errors[0].field", equalTo("body"));
        Webhooks.canonical("[]").then().statusCode(400);
        Webhooks.canonical("\"scan\"").then().statusCode(400);

        assertThat(store.collection("scans").countDocuments(Filters.eq("trackingNumber", number))).isZero();
    }

    @Test
    void answers404ForAnUnknownSource_and413ForABodyOverTheLimit_beforeReadingIt() {
        Webhooks.canonical("{}").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").when().post("/webhooks/dhl-express")
                .then().statusCode(404).contentType("application/problem+json");

        given().contentType(ContentType.JSON).body("[" + "\"x\",".repeat(70_000) + "\"x\"]")
                .when().post("/webhooks/canonical")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:payload-too-large"));
    }

    @Test
    void countsWebhooksBySourceAndOutcome_forPrometheus() {
        double accepted = received("accepted");
        double unauthorized = received("unauthorized");
        double invalid = received("invalid");
        String number = "MET" + UUID.randomUUID().toString().substring(0, 10);
        String body = Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30");

        Webhooks.canonical(body).then().statusCode(200);
        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/canonical").then().statusCode(401);
        Webhooks.canonical("[]").then().statusCode(400);

        assertThat(received("accepted")).isEqualTo(accepted + 1);
        assertThat(received("unauthorized")).isEqualTo(unauthorized + 1);
        assertThat(received("invalid")).isEqualTo(invalid + 1);
    }

    /**
     * {@code webhooks_received_total} of the canonical source with this outcome, as /q/metrics says now (the value,
     * without the exemplar that may follow it).
     */
    private static double received(String outcome) {
        String series = "webhooks_received_total{outcome=\"" + outcome + "\",source=\"canonical\"} ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series)).mapToDouble(line -> Double.parseDouble(
                        line.substring(series.length()).split(" ")[0])).findFirst().orElse(0);
    }
}
