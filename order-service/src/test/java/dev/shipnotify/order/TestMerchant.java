package dev.shipnotify.order;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** A merchant made through the admin API for one test, with its API key. */
public record TestMerchant(String id, String apiKey, String name) {
    /** The admin token of the test profile. */
    public static final String ADMIN_TOKEN = "test-admin-token";

    public static TestMerchant create() {
        String name = "Kesari Handloom " + UUID.randomUUID().toString().substring(0, 8);
        Response response = given()
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "senderName", name + " Orders", "senderEmail", "orders@kesari.example",
                        "supportEmail", "help@kesari.example", "supportPhone", "+918045671234",
                        "logoUrl", "https://cdn.kesari.example/logo.png", "brandColor", "#C2410C",
                        "defaultLocale", "en-IN", "whatsappPhoneNumberId", "106540352242922"))
                .when().post("/api/admin/merchants")
                .then().statusCode(201)
                .extract().response();
        return new TestMerchant(response.path("id"), response.path("apiKey"), name);
    }

    /** A request authenticated as this merchant. */
    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    public Response placeOrder(OrderJson order) {
        return request().body(order.json()).when().post("/api/orders");
    }

    /** Places a valid order and answers its id. */
    public String placedOrder() {
        return placeOrder(OrderJson.anOrder()).then().statusCode(201).extract().path("id");
    }

    public Response order(String orderId) {
        return request().when().get("/api/orders/" + orderId);
    }

    public Response cancel(String orderId, String reason) {
        return request().body(reason == null ? Map.of() : Map.of("reason", reason))
                .when().post("/api/orders/" + orderId + "/cancel");
    }
}
