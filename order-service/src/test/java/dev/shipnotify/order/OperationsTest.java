package dev.shipnotify.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class OperationsTest {

    @Test
    void isReady_withDatabaseAndKafkaChecksUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka cluster answers"));
    }

    @Test
    void documentsCreateOrderWithAnExampleAndItsProblems() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/orders'.post.requestBody.content.'application/json'.examples.order.value.customer.phone",
                        equalTo("+919876543210"))
                .body("paths.'/api/orders'.post.responses.keySet()", hasItems("201", "400", "401", "422"))
                .body("paths.'/api/orders'.post.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        containsString("Problem"));
    }

    @Test
    void exposesOutboxMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("outbox_published_total"));
    }
}
