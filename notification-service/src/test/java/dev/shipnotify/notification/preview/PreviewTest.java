package dev.shipnotify.notification.preview;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.testing.EventsAndInbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preview API renders any message for a sample order, in any language, and sends nothing. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class PreviewTest extends EventsAndInbox {
    private static final String ADMIN = "Bearer test-admin-token";

    @Test
    void anEmailPreview_isTheRenderedEmailInTheAskedLanguage_andNothingIsSent() {
        JsonPath preview = given().header("Authorization", ADMIN).queryParam("locale", "hi-IN")
                .get("/api/admin/previews/email/out-for-delivery")
                .then().statusCode(200).extract().jsonPath();

        assertThat(preview.getString("channel")).isEqualTo("EMAIL");
        assertThat(preview.getString("language")).isEqualTo("hi");
        assertThat(preview.getString("subject")).isEqualTo("आपका ऑर्डर 5F6A7B8C आज पहुँचेगा");
        assertThat(preview.getString("html")).contains("<html lang=\"hi\">", "1492837465012",
                "href=\"https://track.chai-and-co.example/delhivery/1492837465012?t=sample\"", "#B5451B");
        assertThat(preview.getString("text")).contains("Delhivery 1492837465012");
        assertThat(mailbox.messagesTo("asha.rao@example.com")).isEmpty();
    }

    @Test
    void aWhatsAppPreview_namesTheApprovedTemplate_itsParameters_andItsButtons() {
        JsonPath preview = given().header("Authorization", ADMIN).queryParam("locale", "te-IN")
                .queryParam("reason", "address_issue")
                .get("/api/admin/previews/whatsapp/EXCEPTION")
                .then().statusCode(200).extract().jsonPath();

        assertThat(preview.getString("template")).isEqualTo("shipment_exception_address_issue");
        assertThat(preview.getString("language")).isEqualTo("te");
        assertThat(preview.getList("parameters", String.class)).containsExactly("Asha", "5F6A7B8C",
                "https://track.chai-and-co.example/delhivery/1492837465012?t=sample");
        assertThat(preview.getList("quickReplies", String.class)).isEqualTo(List.of("UPDATE_ADDRESS"));
    }

    @Test
    void theHtmlOfAnEmail_opensInABrowser() {
        given().header("Authorization", ADMIN).get("/api/admin/previews/email/review-request/html")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("https://reviews.chai-and-co.example/r/sample-TEA-ASSAM-250-5"));
    }

    @Test
    void previews_wantTheAdminToken_andKnownNames() {
        given().get("/api/admin/previews/email/shipped").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).get("/api/admin/previews/pigeon/shipped").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).get("/api/admin/previews/email/teleported").then().statusCode(404);
        given().header("Authorization", ADMIN).queryParam("reason", "aliens")
                .get("/api/admin/previews/email/exception").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
    }
}
