package dev.shipnotify.order.merchants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.Rows;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class MerchantAccessTest {
    private static final String UNAUTHORIZED = "urn:shipnotify:problem:unauthorized";

    @Inject
    Rows rows;

    @Test
    void createsAMerchantAndShowsItsKeyOnce() {
        TestMerchant merchant = TestMerchant.create();

        assertThat(merchant.apiKey()).startsWith("snk_").hasSizeGreaterThan(40);
        given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN)
                .when().get("/api/admin/merchants/" + merchant.id())
                .then().statusCode(200)
                .body("name", equalTo(merchant.name()))
                .body("defaultLocale", equalTo("en-IN"))
                .body("apiKey", nullValue());
        assertThat(rows.count("select count(*) from merchant_api_keys where key_hash = ?", merchant.apiKey()))
                .as("the key is stored only hashed").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Bearer wrong-token", "Basic dGVzdDp0ZXN0", "Bearer " })
    void adminApiAnswers401_withoutTheAdminToken(String authorization) {
        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(Map.of("name", "Sneaky Shop", "senderEmail", "sneaky@example.com"))
                .when().post("/api/admin/merchants")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(UNAUTHORIZED));
    }

    @Test
    void adminApiRejectsAMerchantKey() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().body(Map.of("name", "Other Shop", "senderEmail", "other@example.com"))
                .when().post("/api/admin/merchants")
                .then().statusCode(401);
    }

    @Test
    void answers400NamingTheField_whenTheMerchantIsInvalid() {
        given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "Shop", "senderEmail", "not-an-email", "brandColor", "red"))
                .when().post("/api/admin/merchants")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("senderEmail"))
                .body("errors.field", hasItem("brandColor"));
    }

    @Test
    void answers401AndStoresNothing_whenAnOrderComesWithoutAKey() {
        given().contentType(ContentType.JSON).body(OrderJson.anOrder().json())
                .when().post("/api/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(UNAUTHORIZED))
                .body("status", equalTo(401));
    }

    @Test
    void answers401_whenTheKeyIsWrong() {
        TestMerchant merchant = TestMerchant.create();

        given().header("Authorization", "Bearer " + merchant.apiKey() + "x").contentType(ContentType.JSON)
                .body(OrderJson.anOrder().json())
                .when().post("/api/orders")
                .then().statusCode(401)
                .body("type", equalTo(UNAUTHORIZED));
        given().header("Authorization", "Bearer snk_" + UUID.randomUUID())
                .when().get("/api/orders/" + UUID.randomUUID())
                .then().statusCode(401)
                .body("type", equalTo(UNAUTHORIZED));

        assertThat(rows.orders(merchant.id())).isZero();
    }

    @Test
    void answers401BeforeLookingAtTheBody() {
        given().header("Authorization", "Bearer nope").contentType(ContentType.JSON).body("{not json")
                .when().post("/api/orders")
                .then().statusCode(401);
    }

    @Test
    void answers404_whenAMerchantReadsAnotherMerchantsOrder() {
        TestMerchant a = TestMerchant.create();
        TestMerchant b = TestMerchant.create();
        String orderOfA = a.placeOrder(OrderJson.anOrder()).then().statusCode(201).extract().path("id");

        b.request().when().get("/api/orders/" + orderOfA)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:not-found"));
        a.request().when().get("/api/orders/" + orderOfA).then().statusCode(200);
    }

    @Test
    void answers404_forAnIdThatIsNoOrder() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().when().get("/api/orders/" + UUID.randomUUID()).then().statusCode(404);
        merchant.request().when().get("/api/orders/not-a-uuid").then().statusCode(404)
                .body("type", equalTo("urn:shipnotify:problem:not-found"));
    }
}
