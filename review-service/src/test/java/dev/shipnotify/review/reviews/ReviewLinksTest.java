package dev.shipnotify.review.reviews;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.review.orders.Orders;
import dev.shipnotify.review.requests.OptOuts;
import dev.shipnotify.review.testing.Asked;
import dev.shipnotify.review.testing.Shop;
import dev.shipnotify.review.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one-click links and the review page, over HTTP: a star click records the rating, the page's form adds the
 * comment and the NPS answer, the same link changes them; a forged, tampered, expired or another order's link
 * writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ReviewLinksTest {
    @Inject
    Reviews reviews;
    @Inject
    TestClock clock;
    @Inject
    OptOuts optOuts;

    @Test
    void aStarClick_recordsTheRating_andThePageAddsACommentAndTheNpsAnswer_inTheShoppersLanguage() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1", "DUPATTA-2"));

        given().get(asked.star("SAREE-1", 4)).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("lang=\"hi\""), containsString("आपने 4 स्टार दिए"), containsString("Item SAREE-1"),
                        containsString("name=\"comment\""), containsString("name=\"nps\""));
        Review rated = reviews.find(asked.orderId(), "SAREE-1").orElseThrow();
        assertThat(rated.rating()).isEqualTo(4);
        assertThat(rated.verifiedPurchase()).isTrue();
        assertThat(rated.merchantId()).isEqualTo(asked.order().merchantId());
        assertThat(reviews.find(asked.orderId(), "DUPATTA-2")).as("the other item, not clicked").isEmpty();

        String[] link = asked.star("SAREE-1", 4).split("[?&]");
        given().formParam("e", link[1].substring(2)).formParam("s", link[2].substring(2))
                .formParam("comment", "<b>Beautiful</b> weave,<script>alert(1)</script> fast delivery")
                .formParam("nps", 9)
                .post("/r/" + asked.orderId() + "/SAREE-1").then().statusCode(200)
                .body(containsString("id=\"saved\""), containsString("Beautiful weave, alert(1) fast delivery"));
        Review commented = reviews.find(asked.orderId(), "SAREE-1").orElseThrow();
        assertThat(commented.comment()).isEqualTo("Beautiful weave, alert(1) fast delivery");
        assertThat(commented.rating()).isEqualTo(4);
        assertThat(reviews.recommendation(asked.orderId())).contains(9);

        // Same link, another star: the shopper changed their mind.
        given().get(asked.star("SAREE-1", 2)).then().statusCode(200);
        assertThat(reviews.find(asked.orderId(), "SAREE-1").orElseThrow().rating()).isEqualTo(2);
        assertThat(reviews.find(asked.orderId(), "SAREE-1").orElseThrow().comment())
                .isEqualTo("Beautiful weave, alert(1) fast delivery");
    }

    @Test
    void aLongComment_isCutToTheLimit() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));
        given().get(asked.star("SAREE-1", 5)).then().statusCode(200);
        String[] link = asked.star("SAREE-1", 5).split("[?&]");

        given().formParam("e", link[1].substring(2)).formParam("s", link[2].substring(2))
                .formParam("comment", "अच्छा".repeat(1000))
                .post("/r/" + asked.orderId() + "/SAREE-1").then().statusCode(200);

        String comment = reviews.find(asked.orderId(), "SAREE-1").orElseThrow().comment();
        assertThat(comment.codePointCount(0, comment.length())).isEqualTo(2000);
    }

    @Test
    void aForgedOrTamperedLink_orAnotherOrdersOrItemsLink_isRefused_andWritesNothing() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1", "DUPATTA-2"));
        Asked other = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));
        String link = asked.star("SAREE-1", 5);
        String signature = link.substring(link.indexOf("&s=") + 3);
        String expiry = link.substring(link.indexOf("?e=") + 3, link.indexOf("&s="));

        // A made-up signature.
        given().get(link.replace(signature, "A".repeat(43))).then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("id=\"refused\""));
        // The expiry moved a year on.
        given().get(link.replace("e=" + expiry, "e=" + (Long.parseLong(expiry) + 31_536_000L))).then().statusCode(403);
        // This order's signature on the other order's address, and on the other item of this order.
        given().get(link.replace(asked.orderId(), other.orderId())).then().statusCode(403)
                .body(containsString("This review link is not valid"));
        given().get(link.replace("SAREE-1", "DUPATTA-2")).then().statusCode(403);
        // The form, posted with another order's id.
        given().formParam("e", expiry).formParam("s", signature).formParam("stars", 1).formParam("comment", "bad")
                .post("/r/" + other.orderId() + "/SAREE-1").then().statusCode(403);

        assertThat(reviews.find(asked.orderId(), "SAREE-1")).isEmpty();
        assertThat(reviews.find(asked.orderId(), "DUPATTA-2")).isEmpty();
        assertThat(reviews.find(other.orderId(), "SAREE-1")).isEmpty();
    }

    @Test
    void anExpiredLink_isRefused_andWritesNothing_evenForAReviewThatExists() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));
        given().get(asked.star("SAREE-1", 5)).then().statusCode(200);

        clock.advance(Duration.ofDays(31));

        given().get(asked.star("SAREE-1", 1)).then().statusCode(410).body(containsString("id=\"refused\""));
        assertThat(reviews.find(asked.orderId(), "SAREE-1").orElseThrow().rating()).isEqualTo(5);
    }

    @Test
    void theOptOutForm_stopsRequestsToThatShopper_andAForgedOneChangesNothing() {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), email, true, "SAREE-1"));
        String page = given().get(asked.star("SAREE-1", 3)).then().statusCode(200).extract().asString();
        java.util.regex.Matcher form = java.util.regex.Pattern.compile(
                "action=\"(/r/[^\"]+/opt-out)\"[^<]*<input type=\"hidden\" name=\"e\" value=\"(\\d+)\">\\s*"
                        + "<input type=\"hidden\" name=\"s\" value=\"([^\"]+)\">").matcher(page);
        assertThat(form.find()).as("the opt-out form on the page").isTrue();

        given().formParam("e", form.group(2)).formParam("s", "A".repeat(43)).post(form.group(1))
                .then().statusCode(403);
        assertThat(optOuts.contains(Orders.shopperOf(email))).isFalse();

        given().formParam("e", form.group(2)).formParam("s", form.group(3)).post(form.group(1))
                .then().statusCode(200).body(containsString("id=\"opted-out\""));
        assertThat(optOuts.contains(Orders.shopperOf(email))).isTrue();
    }

    @Test
    void aStarCountOutOfRange_isABadRequest() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));
        given().header("Accept-Language", "te-IN,en;q=0.5")
                .get(asked.star("SAREE-1", 5).replace("/SAREE-1/5?", "/SAREE-1/6?"))
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("ఫారమ్‌లో ఏదో సరిగా లేదు"));
        assertThat(reviews.find(asked.orderId(), "SAREE-1")).isEmpty();
    }
}
