package dev.shipnotify.tracking.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.TestMerchant;
import dev.shipnotify.tracking.Webhooks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shopper's page: branded, in their language, and shown only to whoever has the link or the postcode. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class TrackingPageTest {

    @Test
    void showsTheMerchantsBrandTheStatusInTheShoppersLanguageTheTimelineAndTheItems() {
        Parcel parcel = Parcel.outForDelivery("hi-IN");

        given().accept(ContentType.HTML).when().get(parcel.link())
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(allOf(containsString("lang=\"hi\""),
                        containsString("डिलीवरी के लिए निकला है"),
                        containsString("Kesari Handloom"),
                        containsString("#C2410C"),
                        containsString("Banarasi silk saree"),
                        containsString("Scan OUT_FOR_DELIVERY"),
                        containsString("Bengaluru, KA, IN"),
                        containsString("help@kesari.example"),
                        not(containsString("priya@example.com")),
                        not(containsString("+919876543210"))));
    }

    @Test
    void fallsBackToEnglish_forALanguageWithoutATranslation() {
        Parcel parcel = Parcel.outForDelivery("sw-KE");

        given().accept(ContentType.HTML).when().get(parcel.link())
                .then().statusCode(200).body(allOf(containsString("lang=\"en\""), containsString("Out for delivery")));
    }

    @Test
    void opensWithTheDeliveryPostcode_whateverItsSpacing() {
        Parcel parcel = Parcel.outForDelivery("bn-IN");

        given().accept(ContentType.HTML).queryParam("postcode", " 560 034 ")
                .when().get(parcel.path())
                .then().statusCode(200).body(containsString("ডেলিভারির জন্য বেরিয়েছে"));
    }

    @Test
    void hasAJsonTwinForApps() {
        Parcel parcel = Parcel.outForDelivery("te-IN");

        given().accept(ContentType.JSON).when().get(parcel.link())
                .then().statusCode(200)
                .body("status", equalTo("OUT_FOR_DELIVERY"))
                .body("headline", equalTo("డెలివరీకి బయలుదేరింది"))
                .body("lang", equalTo("te"))
                .body("merchant.name", equalTo("Kesari Handloom"))
                .body("updates", hasSize(2))
                .body("updates[0].status", equalTo("OUT_FOR_DELIVERY"))
                .body("items[0].name", equalTo("Banarasi silk saree"));
    }

    @Test
    void aGuessedLinkShowsNothingOfTheOrder_onlyThePostcodeForm() {
        Parcel parcel = Parcel.outForDelivery("hi-IN");

        for (String nothing : new String[] { "", "?t=", "?postcode=%20" }) {
            given().accept(ContentType.HTML).urlEncodingEnabled(false).when().get(parcel.path() + nothing)
                    .then().statusCode(200)
                    .body(allOf(containsString("name=\"postcode\""), not(containsString("Kesari")),
                            not(containsString("saree"))));
        }
        for (String wrong : new String[] { "t=" + UUID.randomUUID(), "postcode=110001", "postcode=56003" }) {
            given().accept(ContentType.HTML).when().get(parcel.path() + "?" + wrong)
                    .then().statusCode(404)
                    .body(allOf(containsString("id=\"not-found\""), not(containsString("Kesari")),
                            not(containsString("saree"))));
        }
        given().accept(ContentType.HTML).when().get("/track/delhivery/NO-SUCH-PARCEL?postcode=560034")
                .then().statusCode(404).body(containsString("id=\"not-found\""));
        given().accept(ContentType.JSON).when().get(parcel.path() + "?t=guess")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** A registered parcel with two scans, and its tracking link. */
    record Parcel(String carrier, String number, String trackingUrl) {
        static Parcel outForDelivery(String shopperLocale) {
            TestMerchant merchant = TestMerchant.create();
            String orderId = merchant.placedOrders(1, shopperLocale).get(0);
            String number = "PG" + UUID.randomUUID().toString().substring(0, 10);
            String url = merchant.register(orderId, "Delhivery", number).then().statusCode(201).extract()
                    .path("trackingUrl");
            Webhooks.canonical("[" + Webhooks.scan("Delhivery", number, "IN_TRANSIT", "2025-03-16T21:05:00+05:30")
                    + "," + Webhooks.scan("Delhivery", number, "OUT_FOR_DELIVERY", "2025-03-17T08:42:00+05:30")
                    + "]").then().statusCode(200);
            return new Parcel("delhivery", number, url);
        }

        /** The tracking link's path and token, as the shopper's message carries it. */
        String link() {
            URI uri = URI.create(trackingUrl);
            return uri.getRawPath() + "?" + uri.getRawQuery();
        }

        String path() {
            return "/track/" + carrier + "/" + number;
        }
    }
}
