package dev.shipnotify.review.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.review.testing.Asked;
import dev.shipnotify.review.testing.Shop;
import dev.shipnotify.review.testing.WebDriver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The review page in a real browser at a phone's size: the shopper clicks a star in the email, writes a comment in
 * Hindi, picks 9 for the NPS question and saves; the comment is stored. The page carries no script: the form works
 * without JavaScript. A screenshot is kept at {@code target/screenshots/review-page.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ReviewPageInChromiumTest {
    @Inject
    Reviews reviews;

    @Test
    void aShopperRatesWritesAndSaves_onAPhoneSizedScreen() throws Exception {
        if (!Files.isExecutable(WebDriver.CHROMIUM) || !Files.isExecutable(WebDriver.CHROMEDRIVER)) {
            assertThat(System.getenv("CI")).as("Chromium or chromedriver missing on CI; .ci/run installs them").isNull();
            Assumptions.abort("Chromium is not installed here; .ci/run installs it (apt-get install chromium chromium-driver)");
        }
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));
        Path screenshot = Path.of("target/screenshots/review-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        try (WebDriver browser = WebDriver.start()) {
            browser.open("http://127.0.0.1:" + RestAssured.port + asked.star("SAREE-1", 4));
            String page = browser.source();
            assertThat(page).contains("आपने 4 स्टार दिए").doesNotContain("<script");

            browser.type("#comment", "बहुत सुंदर साड़ी, delivered on time");
            browser.click("input[name='nps'][value='9']");
            browser.click("#save");

            assertThat(browser.source()).contains("id=\"saved\"").contains("बहुत सुंदर साड़ी, delivered on time");
            browser.screenshot(screenshot);
        }

        Review review = reviews.find(asked.orderId(), "SAREE-1").orElseThrow();
        assertThat(review.rating()).isEqualTo(4);
        assertThat(review.comment()).isEqualTo("बहुत सुंदर साड़ी, delivered on time");
        assertThat(reviews.recommendation(asked.orderId())).contains(9);
        assertThat(screenshot).isRegularFile();
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    }
}
