package dev.shipnotify.tracking.shipment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.TestMerchant;
import dev.shipnotify.tracking.Webhooks;
import dev.shipnotify.tracking.webhook.CanonicalAdapter;
import dev.shipnotify.tracking.webhook.WebhookRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ShipmentApiTest {

    @Inject
    ScanLog scanLog;

    @Inject
    CanonicalAdapter canonical;

    @Test
    void aScanKeptJustBeforeTheProcessDied_isAppliedWhenTheCourierSendsItAgain() {
        TestMerchant merchant = TestMerchant.create();
        String number = merchant.registeredParcel("Ecom Express");
        String body = Webhooks.scan("Ecom Express", number, "OUT_FOR_DELIVERY", "2025-03-17T08:42:00+05:30");
        // What a process killed between its two writes leaves: the scan kept, its shipment not told.
        List<Scan> scans = canonical.scans(new WebhookRequest("canonical", Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.now()));
        assertThat(scanLog.record(scans, Instant.now())).hasSize(1);

        // The courier got no answer, so it sends the scan again.
        Webhooks.canonical(body).then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));

        merchant.request().queryParam("carrier", "Ecom Express").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200)
                .body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("checkpoints.status", equalTo(List.of("OUT_FOR_DELIVERY")));
    }

    @Test
    void registersAShipmentForTheMerchantsOrder_andFindsItByIdOrByCarrierAndNumber() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "DL" + UUID.randomUUID().toString().substring(0, 10);

        var created = merchant.request().body(Map.of("orderId", orderId, "carrier", "Delhivery", "trackingNumber",
                        number, "promisedDate", "2025-03-18"))
                .when().post("/api/shipments")
                .then().statusCode(201)
                .header("Location", containsString("/api/shipments/"))
                .body("orderId", equalTo(orderId))
                .body("carrier", equalTo("Delhivery"))
                .body("trackingNumber", equalTo(number))
                .body("status", equalTo("PENDING"))
                .body("promisedDate", equalTo("2025-03-18"))
                .body("checkpoints", empty())
                .body("trackingUrl", matchesPattern("https?://.+/track/delhivery/" + number + "\\?t=[A-Za-z0-9_-]{24}"))
                .extract();
        String id = created.path("id");

        merchant.request().when().get("/api/shipments/" + id).then().statusCode(200).body("id", equalTo(id));
        merchant.request().queryParam("carrier", "DELHIVERY").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200).body("id", equalTo(id));
        merchant.request().queryParam("carrier", "  delhivery ").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void registeringTheSameParcelForTheSameOrderAgain_answersTheSameShipment() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "BD" + UUID.randomUUID().toString().substring(0, 10);
        String id = merchant.register(orderId, "Blue Dart", number).then().statusCode(201).extract().path("id");

        merchant.register(orderId, "blue dart", number).then().statusCode(200).body("id", equalTo(id));
        merchant.register(merchant.placedOrder(), "Blue Dart", number).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:conflict"));
    }

    @Test
    void aMerchantCannotRegisterForAnotherMerchantsOrder_norSeeItsShipments() {
        TestMerchant a = TestMerchant.create();
        TestMerchant b = TestMerchant.create();
        String orderOfA = a.placedOrder();
        String number = "EK" + UUID.randomUUID().toString().substring(0, 10);
        String id = a.register(orderOfA, "Ekart", number).then().statusCode(201).extract().path("id");

        b.register(orderOfA, "Ekart", "OTHER-" + number).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:not-found"));
        b.request().when().get("/api/shipments/" + id).then().statusCode(404);
        b.request().queryParam("carrier", "Ekart").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(404);
    }

    @Test
    void answers409_forAnOrderThatHasNotArrivedYet() {
        TestMerchant merchant = TestMerchant.create();

        merchant.register(UUID.randomUUID().toString(), "Delhivery", "NOTYET1234").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:order-not-known-yet"))
                .body("detail", containsString("retry"));
    }

    @Test
    void answers401_withoutAKey_withAnUnknownOne_orARevokedOne() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();

        given().contentType(ContentType.JSON).body(Map.of("orderId", orderId, "carrier", "Delhivery",
                "trackingNumber", "NOKEY1")).when().post("/api/shipments")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:unauthorized"));
        given().header("Authorization", "Bearer snk_unknown").when().get("/api/shipments/x").then().statusCode(401);

        merchant.revokeKey();
        merchant.register(orderId, "Delhivery", "REVOKED1").then().statusCode(401);
    }

    @Test
    void answers400NamingEachBadField_andStoresNothing() {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();

        merchant.request().body(Map.of("orderId", orderId, "carrier", "", "trackingNumber", "has\nnewline"))
                .when().post("/api/shipments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("carrier", "trackingNumber"));
        merchant.request().body("{\"orderId\": \"" + orderId + "\", \"carrier\": \"Delhivery\", "
                        + "\"trackingNumber\": \"OK123\", \"promisedDate\": \"next week\"}")
                .when().post("/api/shipments")
                .then().statusCode(400).body("errors[0].field", equalTo("promisedDate"));
        merchant.request().body("[1, 2]").when().post("/api/shipments").then().statusCode(400);
        merchant.request().when().get("/api/shipments").then().statusCode(400)
                .body("errors.field", hasItems("carrier", "trackingNumber"));
        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", "OK123")
                .when().get("/api/shipments").then().statusCode(404);
    }

    @Test
    void documentsItsEndpointsWithTheirProblems() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/shipments'.post.responses.keySet()", hasItems("201", "400", "401", "404", "409"))
                .body("paths.'/webhooks/{source}'.post.responses.keySet()", hasItems("200", "400", "401", "404", "413"))
                .body("paths.'/api/shipments/{id}'.get.responses.'404'.content.keySet()",
                        hasItems("application/problem+json"))
                .body("components.securitySchemes.keySet()", hasItems("merchantKey"))
                .body("info.title", endsWith("tracking-service"));
    }
}
