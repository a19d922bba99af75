package dev.shipnotify.review.reviews;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.review.testing.Asked;
import dev.shipnotify.review.testing.Shop;
import dev.shipnotify.review.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The figures the APIs give, against numbers worked out by hand for a merchant whose shoppers answered through the
 * links of their requests.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class RatingsTest {
    @Inject
    TestClock clock;

    @Test
    void ratingsNpsAndConversion_matchTheHandComputedFigures() {
        String merchant = "merchant-" + UUID.randomUUID();
        String saree = "SAREE-" + UUID.randomUUID();
        String dupatta = "DUPATTA-" + UUID.randomUUID();
        // Five orders asked; four answer. Saree: 5, 4, 1, 4. Dupatta: 2. NPS: 10, 9, 7, 3 (one did not say).
        List<Asked> asked = List.of(
                Asked.order(Shop.order(merchant, saree, dupatta)),
                Asked.order(Shop.order(merchant, saree)),
                Asked.order(Shop.order(merchant, saree)),
                Asked.order(Shop.order(merchant, saree)),
                Asked.order(Shop.order(merchant, saree)));
        answer(asked.get(0), saree, 5, "Lovely colour", 10);
        answer(asked.get(0), dupatta, 2, null, null);
        answer(asked.get(1), saree, 4, "Good", 9);
        answer(asked.get(2), saree, 1, "Torn at the edge", 3);
        answer(asked.get(3), saree, 4, null, 7);

        // Saree: 4 reviews, (5 + 4 + 1 + 4) / 4 = 3.5; lowest first: 1, then the two 4s newest first, then 5.
        given().get("/api/products/{sku}/reviews?sort=lowest", saree).then().statusCode(200)
                .body("count", equalTo(4))
                .body("average", equalTo(3.5f))
                .body("distribution", equalTo(Map.of("1", 1, "2", 0, "3", 0, "4", 2, "5", 1)))
                .body("reviews.rating", contains(1, 4, 4, 5))
                .body("reviews[0].comment", equalTo("Torn at the edge"))
                .body("reviews[0].verifiedPurchase", equalTo(true))
                .body("reviews[0].orderId", nullValue());
        given().get("/api/products/{sku}/reviews?size=3&page=1", saree).then().statusCode(200)
                .body("reviews", hasSize(1))
                .body("reviews[0].rating", equalTo(5));

        // Merchant: 5 reviews, (5 + 2 + 4 + 1 + 4) / 5 = 3.2. NPS: promoters 2 (10, 9), passives 1 (7), detractors
        // 1 (3): (2 - 1) / 4 = 25. Conversion: 4 of 5 orders asked answered = 0.8.
        String key = Shop.issueKey(merchant);
        given().auth().oauth2(key).get("/api/merchants/{id}/ratings", merchant).then().statusCode(200)
                .body("count", equalTo(5))
                .body("average", equalTo(3.2f))
                .body("distribution", equalTo(Map.of("1", 1, "2", 1, "3", 0, "4", 2, "5", 1)))
                .body("products.sku", contains(saree, dupatta))
                .body("products[0].average", equalTo(3.5f))
                .body("nps.score", equalTo(25))
                .body("nps.promoters", equalTo(2))
                .body("nps.passives", equalTo(1))
                .body("nps.detractors", equalTo(1))
                .body("conversion.requested", equalTo(5))
                .body("conversion.reviewed", equalTo(4))
                .body("conversion.rate", equalTo(0.8f));

        given().auth().oauth2(key).get("/api/merchants/{id}/ratings?from=2999-01-01T00:00:00Z", merchant).then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("average", nullValue())
                .body("nps.score", nullValue())
                .body("conversion.requested", equalTo(0));
    }

    @Test
    void aMerchantsFigures_needItsKey_andAreNotOpenToAnotherMerchant() {
        String merchant = "merchant-" + UUID.randomUUID();
        String other = "merchant-" + UUID.randomUUID();
        String otherKey = Shop.issueKey(other);

        given().get("/api/merchants/{id}/ratings", merchant).then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2("snk_made-up").get("/api/merchants/{id}/ratings", merchant).then().statusCode(401);
        given().auth().oauth2(otherKey).get("/api/merchants/{id}/ratings", merchant).then().statusCode(404);
    }

    @Test
    void badParameters_areRefusedWithProblemJson() {
        given().get("/api/products/SAREE-1/reviews?sort=best").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("sort"));
        given().get("/api/products/SAREE-1/reviews?size=0").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        String merchant = "merchant-" + UUID.randomUUID();
        String key = Shop.issueKey(merchant);
        given().auth().oauth2(key).get("/api/merchants/{id}/ratings?from=yesterday", merchant).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(key).get("/api/merchants/{id}/ratings?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                merchant).then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    /** A minute later, clicks the star link of the request, then posts the page's form as a shopper would. */
    private void answer(Asked asked, String sku, int stars, String comment, Integer nps) {
        clock.advance(Duration.ofMinutes(1));
        String link = asked.star(sku, stars);
        given().get(link).then().statusCode(200);
        if (comment != null || nps != null) {
            var form = given().formParam("e", link.substring(link.indexOf("?e=") + 3, link.indexOf("&s=")))
                    .formParam("s", link.substring(link.indexOf("&s=") + 3));
            if (comment != null) {
                form.formParam("comment", comment);
            }
            if (nps != null) {
                form.formParam("nps", nps);
            }
            form.post("/r/" + asked.orderId() + "/" + sku).then().statusCode(200);
        }
    }
}
