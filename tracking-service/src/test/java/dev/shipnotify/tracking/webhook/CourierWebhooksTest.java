package dev.shipnotify.tracking.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.mongodb.client.model.Filters;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.Events;
import dev.shipnotify.tracking.Store;
import dev.shipnotify.tracking.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each courier source end to end, with its own real-shaped payload and signature scheme: a signed update moves the
 * shipment and publishes shipment-updated; a wrong secret, one flipped byte or a missing header answers 401 and
 * stores nothing; a malformed body answers 400 and stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class CourierWebhooksTest {

    @Inject
    Store store;

    @ParameterizedTest
    @EnumSource(CourierSource.class)
    void aSignedUpdateMovesTheShipment_andIsPublished(CourierSource source) {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String number = "CW" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        merchant.register(orderId, "Delhivery", number).then().statusCode(201);
        byte[] body = source.outForDelivery("delhivery", number).getBytes(StandardCharsets.UTF_8);

        post(source, body, source.sign(body, source.secret)).then().statusCode(200)
                .body("duplicates", equalTo(0)).body("awaitingRegistration", equalTo(0));
        post(source, body, source.sign(body, source.secret)).then().statusCode(200).body("accepted", equalTo(0));

        merchant.request().queryParam("carrier", "Delhivery").queryParam("trackingNumber", number)
                .when().get("/api/shipments").then().statusCode(200)
                .body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("checkpoints.source", hasItem(source.source))
                .body("checkpoints[-1].time", equalTo("2025-03-17T03:12:00Z"))
                .body("checkpoints[-1].status", equalTo("OUT_FOR_DELIVERY"));
        Events.await(Topics.SHIPMENT_UPDATED, r -> orderId.equals(r.key()) && r.value().contains("OUT_FOR_DELIVERY"));
    }

    @ParameterizedTest
    @EnumSource(CourierSource.class)
    void refusesAWrongSecretAFlippedByteOrAMissingHeader_andStoresNothing(CourierSource source) {
        String number = "RJ" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        byte[] body = source.outForDelivery("delhivery", number).getBytes(StandardCharsets.UTF_8);
        byte[] flipped = body.clone();
        flipped[body.length / 2] ^= 1;

        post(source, body, source.sign(body, "not-the-" + source.secret)).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:invalid-signature"));
        if (source.signsTheBody()) {
            post(source, flipped, source.sign(body, source.secret)).then().statusCode(401);
        }
        post(source, body, Map.of()).then().statusCode(401);

        assertThat(store.collection("scans").countDocuments(Filters.eq("trackingNumber", number))).isZero();
    }

    @ParameterizedTest
    @EnumSource(CourierSource.class)
    void answers400ForAMalformedBody_andStoresNothing(CourierSource source) {
        for (String body : new String[] { "{\"event\": ", "[1, 2]", "{}" }) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Response response = post(source, bytes, source.sign(bytes, source.secret));
            // An event that is not a tracking update ({} for AfterShip, EasyPost and Shippo) is accepted and ignored.
            assertThat(response.statusCode()).as("%s %s: %s", source, body, response.asString()).isIn(200, 400);
            if (response.statusCode() == 200) {
                assertThat(response.<Integer>path("accepted")).isZero();
            } else {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
        byte[] broken = source.outForDelivery("delhivery", "BROKEN").replace("2025-03-17", "17/03/2025")
                .getBytes(StandardCharsets.UTF_8);
        post(source, broken, source.sign(broken, source.secret)).then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(store.collection("scans").countDocuments(Filters.eq("trackingNumber", "BROKEN"))).isZero();
    }

    private static Response post(CourierSource source, byte[] body, Map<String, String> headers) {
        return given().contentType(ContentType.JSON).headers(headers).body(body)
                .when().post("/webhooks/" + source.source);
    }
}
