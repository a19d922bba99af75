package dev.shipnotify.tracking.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.Events;
import dev.shipnotify.tracking.TestMerchant;
import dev.shipnotify.tracking.Webhooks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Shoppers hear of a delay before they ask: silence or a passed promise, announced once. The clock is the caller's. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class DelayWatchTest {
    private static final Instant NOW = Instant.now();

    @Inject
    DelayWatch watch;

    @Inject
    ObjectMapper json;

    @Test
    void announcesAShipmentSilentForTooLong_once_andACourierScanMovesItOn() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = parcel(merchant, orderId, null);
        scan(number, "IN_TRANSIT", NOW.minus(Duration.ofHours(49)));

        watch.check(NOW);
        watch.check(NOW.plus(Duration.ofHours(1)));

        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200)
                .body("status", equalTo("EXCEPTION"))
                .body("reason", equalTo("DELAYED"))
                .body("checkpoints[1].source", equalTo("tracking-service"))
                .body("checkpoints[1].message", containsString("48 hours"));
        Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()) && r.value().contains("\"EXCEPTION\""));
        assertThat(Events.all(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key())))
                .extracting(r -> status(r.value())).containsExactly("IN_TRANSIT", "EXCEPTION/DELAYED");

        scan(number, "OUT_FOR_DELIVERY", NOW.plus(Duration.ofMinutes(5)));
        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().body("status", equalTo("OUT_FOR_DELIVERY"));
    }

    @Test
    void announcesAShipmentNotDeliveredByItsPromisedDate() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = parcel(merchant, orderId, LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2));
        scan(number, "IN_TRANSIT", NOW.minus(Duration.ofHours(1)));

        watch.check(NOW);

        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200)
                .body("status", equalTo("EXCEPTION"))
                .body("checkpoints[1].message", containsString("promised date"));
    }

    @Test
    void leavesDeliveredAndRecentlyScannedShipmentsAlone() {
        TestMerchant merchant = TestMerchant.create();
        String delivered = parcel(merchant, merchant.placedOrder(), null);
        scan(delivered, "DELIVERED", NOW.minus(Duration.ofDays(5)));
        String moving = parcel(merchant, merchant.placedOrder(),
                LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(1));
        scan(moving, "IN_TRANSIT", NOW.minus(Duration.ofHours(3)));

        watch.check(NOW);

        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", delivered)
                .when().get("/api/shipments").then().body("status", equalTo("DELIVERED"));
        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", moving)
                .when().get("/api/shipments").then().body("status", equalTo("IN_TRANSIT"));
    }

    private static String parcel(TestMerchant merchant, String orderId, LocalDate promised) {
        String number = "DW" + UUID.randomUUID().toString().substring(0, 10);
        Map<String, String> body = promised == null
                ? Map.of("orderId", orderId, "carrier", "Delhivery", "trackingNumber", number)
                : Map.of("orderId", orderId, "carrier", "Delhivery", "trackingNumber", number,
                        "promisedDate", promised.toString());
        merchant.request().body(body).when().post("/api/shipments").then().statusCode(201);
        return number;
    }

    private static void scan(String number, String status, Instant at) {
        Webhooks.canonical(Webhooks.scan("Delhivery", number, status,
                OffsetDateTime.ofInstant(at, ZoneOffset.ofHoursMinutes(5, 30)).toString())).then().statusCode(200);
    }

    private String status(String body) {
        try {
            JsonNode event = json.readTree(body);
            return event.path("reason").isNull() || event.path("reason").isMissingNode()
                    ? event.path("status").asText() : event.path("status").asText() + "/" + event.path("reason").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
