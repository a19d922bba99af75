package dev.shipnotify.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the service, checked the same way: wrong credentials, unknown ids and broken bodies get problem
 * JSON with the right status, and the OpenAPI document describes exactly these endpoints with their problems.
 * A new endpoint fails {@link #openApiDocumentsExactlyTheseEndpoints} until it is listed here, and is then checked
 * like the others.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class ApiSurfaceTest {

    /** One endpoint: who may call it, and whether it reads a JSON body. */
    record Endpoint(String method, String path, boolean admin, boolean body) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean hasIds() {
            return path.contains("{");
        }

        String pathWith(String merchantId, String orderId, String keyId) {
            return path.replace("{id}", path.startsWith("/api/admin") ? merchantId : orderId)
                    .replace("{keyId}", keyId);
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/orders", false, true),
            new Endpoint("GET", "/api/orders", false, false),
            new Endpoint("GET", "/api/orders/{id}", false, false),
            new Endpoint("POST", "/api/orders/{id}/cancel", false, true),
            new Endpoint("POST", "/api/admin/merchants", true, true),
            new Endpoint("GET", "/api/admin/merchants/{id}", true, false),
            new Endpoint("PUT", "/api/admin/merchants/{id}", true, true),
            new Endpoint("GET", "/api/admin/merchants/{id}/keys", true, false),
            new Endpoint("POST", "/api/admin/merchants/{id}/keys", true, false),
            new Endpoint("DELETE", "/api/admin/merchants/{id}/keys/{keyId}", true, false));

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Endpoint> endpointsWithIds() {
        return ENDPOINTS.stream().filter(Endpoint::hasIds);
    }

    static Stream<Endpoint> endpointsWithBodies() {
        return ENDPOINTS.stream().filter(Endpoint::body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void answers401ProblemJson_withoutOrWithTheWrongCredential(Endpoint endpoint) {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String path = endpoint.pathWith(merchant.id(), orderId, UUID.randomUUID().toString());
        String wrongCredential = endpoint.admin() ? merchant.apiKey() : TestMerchant.ADMIN_TOKEN;

        for (RequestSpecification request : List.of(given(), given().header("Authorization", "Bearer nope"),
                given().header("Authorization", "Bearer " + wrongCredential))) {
            assertProblem(call(request.contentType(ContentType.JSON).body("{}"), endpoint, path), 401,
                    "urn:shipnotify:problem:unauthorized");
        }
        merchant.order(orderId).then().statusCode(200).body("status", equalTo("PLACED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithIds")
    void answers404ProblemJson_forAnUnknownOrMalformedId(Endpoint endpoint) {
        TestMerchant merchant = TestMerchant.create();
        String random = UUID.randomUUID().toString();

        for (String id : List.of(random, "not-a-uuid", "%27%20or%201=1")) {
            assertProblem(call(credentials(endpoint, merchant).body(bodyFor(endpoint)), endpoint,
                    endpoint.pathWith(endpoint.path().contains("{keyId}") ? merchant.id() : id, id, id)),
                    404, "urn:shipnotify:problem:not-found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithBodies")
    void answers400ProblemJson_forABodyThatIsNotTheExpectedJson(Endpoint endpoint) {
        TestMerchant merchant = TestMerchant.create();
        String orderId = merchant.placedOrder();
        String path = endpoint.pathWith(merchant.id(), orderId, "");

        for (String body : List.of("{\"", "[1, 2]", "\"text\"", "{\"customer\": 42, \"name\": [], \"reason\": {}}")) {
            assertProblem(call(credentials(endpoint, merchant).body(body), endpoint, path), 400,
                    "urn:shipnotify:problem:invalid-request");
        }
        merchant.order(orderId).then().statusCode(200).body("status", equalTo("PLACED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithBodies")
    void answers415ProblemJson_forABodyThatIsNotJson(Endpoint endpoint) {
        TestMerchant merchant = TestMerchant.create();
        String path = endpoint.pathWith(merchant.id(), merchant.placedOrder(), "");

        assertProblem(call(credentials(endpoint, merchant).contentType(ContentType.XML).body("<order/>"), endpoint,
                path), 415, "urn:shipnotify:problem:unsupported-media-type");
    }

    @Test
    void openApiDocumentsExactlyTheseEndpoints_eachWithItsProblems() {
        JsonPath openApi = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");

        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> documented.add(
                method.toUpperCase() + " " + path)));
        assertThat(documented).isEqualTo(ENDPOINTS.stream().map(Endpoint::toString)
                .collect(Collectors.toCollection(TreeSet::new)));

        for (Endpoint endpoint : ENDPOINTS) {
            String operation = "paths.'%s'.%s".formatted(endpoint.path(), endpoint.method().toLowerCase());
            assertThat(openApi.getString(operation + ".summary")).as(endpoint + " summary").isNotBlank();
            Map<String, Map<String, Object>> responses = openApi.getMap(operation + ".responses");
            assertThat(responses).as(endpoint + " responses").containsKey("401");
            assertThat(responses.keySet()).as(endpoint + " success").anyMatch(code -> code.startsWith("2"));
            responses.forEach((code, response) -> {
                if (code.startsWith("4")) {
                    assertThat(openApi.getMap(operation + ".responses.'" + code + "'.content"))
                            .as(endpoint + " " + code).containsOnlyKeys("application/problem+json");
                }
            });
            if (endpoint.hasIds()) {
                assertThat(responses).as(endpoint + " unknown id").containsKey("404");
            }
            if (endpoint.body()) {
                assertThat(responses).as(endpoint + " bad body").containsKey("400");
            }
        }
        assertThat(openApi.getMap("paths.'/api/orders'.get.responses.'200'.content.'application/json'.examples"))
                .isNotEmpty();
        assertThat(openApi.getMap(
                "paths.'/api/orders/{id}/cancel'.post.responses.'409'.content.'application/problem+json'.examples"))
                .isNotEmpty();
    }

    private static RequestSpecification credentials(Endpoint endpoint, TestMerchant merchant) {
        return given().header("Authorization", "Bearer " + (endpoint.admin() ? TestMerchant.ADMIN_TOKEN
                : merchant.apiKey())).contentType(ContentType.JSON);
    }

    private static String bodyFor(Endpoint endpoint) {
        return endpoint.path().startsWith("/api/admin")
                ? "{\"name\": \"Ghost\", \"senderEmail\": \"ghost@example.com\"}" : "{}";
    }

    private static ValidatableResponse call(RequestSpecification request, Endpoint endpoint, String path) {
        return request.urlEncodingEnabled(false).when().request(endpoint.method(), path).then();
    }

    private static void assertProblem(ValidatableResponse response, int status, String type) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo(type))
                .body("title", notNullValue());
    }
}
