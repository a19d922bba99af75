package dev.shipnotify.order.merchants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderEvents;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator rotates and revokes merchants' keys and replaces their branding, through the admin API. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class MerchantKeysTest {

    @Inject
    ObjectMapper json;

    @Test
    void rotatesAKey_bothWorkUntilTheOldOneIsRevoked() {
        TestMerchant merchant = TestMerchant.create();
        String oldKeyId = admin().when().get("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(200).body("", hasSize(1)).extract().path("[0].id");

        var issued = admin().when().post("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(201).body("revokedAt", nullValue()).extract();
        String newKey = issued.path("apiKey");
        assertThat(newKey).startsWith("snk_").isNotEqualTo(merchant.apiKey());
        assertThat(issued.header("Location")).endsWith("/keys/" + issued.path("id"));
        ordersWith(merchant.apiKey()).then().statusCode(200);
        ordersWith(newKey).then().statusCode(200);

        admin().when().delete("/api/admin/merchants/" + merchant.id() + "/keys/" + oldKeyId)
                .then().statusCode(200).body("id", equalTo(oldKeyId)).body("revokedAt", notNullValue());

        ordersWith(merchant.apiKey()).then().statusCode(401).contentType("application/problem+json");
        ordersWith(newKey).then().statusCode(200);
        String keys = admin().when().get("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].id", equalTo(oldKeyId))
                .body("[0].revokedAt", notNullValue())
                .body("[1].revokedAt", nullValue())
                .body("[1].prefix", equalTo(newKey.substring(0, 10)))
                .extract().asString();
        assertThat(keys).as("a listed key never shows the key").doesNotContain("apiKey", newKey.substring(10));
    }

    @Test
    void issuesAKey_forABodilessPostLabelledWithAnyContentType() {
        TestMerchant merchant = TestMerchant.create();

        given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN).contentType(ContentType.URLENC)
                .when().post("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(201).body("apiKey", startsWith("snk_"));
    }

    @Test
    void revokingTwiceAnswersTheSame_andUnknownKeysAre404() {
        TestMerchant merchant = TestMerchant.create();
        TestMerchant other = TestMerchant.create();
        String keyId = admin().when().get("/api/admin/merchants/" + merchant.id() + "/keys").path("[0].id");
        String path = "/api/admin/merchants/" + merchant.id() + "/keys/" + keyId;

        String revokedAt = admin().when().delete(path).then().statusCode(200).extract().path("revokedAt");
        admin().when().delete(path).then().statusCode(200).body("revokedAt", equalTo(revokedAt));

        admin().when().delete("/api/admin/merchants/" + other.id() + "/keys/" + keyId)
                .then().statusCode(404).contentType("application/problem+json");
        admin().when().delete("/api/admin/merchants/" + merchant.id() + "/keys/" + UUID.randomUUID())
                .then().statusCode(404);
        admin().when().delete("/api/admin/merchants/" + merchant.id() + "/keys/nope").then().statusCode(404);
        admin().when().post("/api/admin/merchants/" + UUID.randomUUID() + "/keys").then().statusCode(404)
                .contentType("application/problem+json");
        admin().when().get("/api/admin/merchants/nope/keys").then().statusCode(404);
        ordersWith(other.apiKey()).then().statusCode(200);
    }

    @Test
    void keyEndpointsRefuseAMerchantKey() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().when().post("/api/admin/merchants/" + merchant.id() + "/keys").then().statusCode(401);
        merchant.request().when().get("/api/admin/merchants/" + merchant.id() + "/keys").then().statusCode(401);
    }

    @Test
    void replacesTheBranding_andTheNextOrderCarriesIt() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String before = merchant.placedOrder();

        admin().body(Map.of("name", "Kesari Handloom & Co", "senderEmail", "hello@kesari.example",
                        "brandColor", "#1D4ED8", "defaultLocale", "hi-in"))
                .when().put("/api/admin/merchants/" + merchant.id())
                .then().statusCode(200)
                .body("name", equalTo("Kesari Handloom & Co"))
                .body("defaultLocale", equalTo("hi-IN"))
                .body("logoUrl", nullValue())
                .body("apiKey", nullValue());
        String after = merchant.placedOrder();

        JsonNode oldSnapshot = json.readTree(OrderEvents.awaitOrder(before).value()).path("merchant");
        JsonNode newSnapshot = json.readTree(OrderEvents.awaitOrder(after).value()).path("merchant");
        assertThat(oldSnapshot.path("brandColor").asText()).isEqualTo("#C2410C");
        assertThat(newSnapshot.path("name").asText()).isEqualTo("Kesari Handloom & Co");
        assertThat(newSnapshot.path("brandColor").asText()).isEqualTo("#1D4ED8");
        assertThat(newSnapshot.path("senderEmail").asText()).isEqualTo("hello@kesari.example");
    }

    @Test
    void answers400OrNotFound_andChangesNothing_whenAReplacementIsBad() {
        TestMerchant merchant = TestMerchant.create();

        admin().body(Map.of("name", "", "senderEmail", "nope"))
                .when().put("/api/admin/merchants/" + merchant.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("senderEmail"));
        admin().body(Map.of("name", "Kesari\u0000Handloom", "senderName", "Kesari\nBcc: x@example.com",
                        "senderEmail", "orders@kesari.example"))
                .when().put("/api/admin/merchants/" + merchant.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name", "senderName"));
        admin().body(Map.of("name", "Ghost", "senderEmail", "ghost@example.com"))
                .when().put("/api/admin/merchants/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        admin().when().get("/api/admin/merchants/" + merchant.id()).then().body("name", equalTo(merchant.name()));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    private static Response ordersWith(String key) {
        return given().header("Authorization", "Bearer " + key).when().get("/api/orders");
    }
}
