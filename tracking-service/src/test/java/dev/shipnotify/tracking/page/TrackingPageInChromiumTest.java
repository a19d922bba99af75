package dev.shipnotify.tracking.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.infra.browser.HeadlessChromium;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser, as a shopper's phone would open it: Debian's headless Chromium (installed by
 * {@code .ci/run}) renders it at a phone's width without JavaScript, the timeline is there, and a screenshot is
 * kept at {@code target/screenshots/tracking-page.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class TrackingPageInChromiumTest {

    @Test
    void showsTheTimelineInHindi_onAPhoneSizedScreen_withoutJavaScript() throws Exception {
        if (!HeadlessChromium.installed()) {
            assertThat(System.getenv("CI")).as("Chromium missing on CI; .ci/run installs it").isNull();
            Assumptions.abort("Chromium is not installed here; .ci/run installs it (apt-get install chromium)");
        }
        TrackingPageTest.Parcel parcel = TrackingPageTest.Parcel.outForDelivery("hi-IN");
        String url = "http://127.0.0.1:" + RestAssured.port + parcel.link();
        HeadlessChromium phone = HeadlessChromium.window(412, 915);

        String dom = phone.dumpDom(url);
        Path screenshot = phone.screenshot(url, Path.of("target/screenshots/tracking-page.png"));

        assertThat(dom).contains("id=\"timeline\"").contains("डिलीवरी के लिए निकला है").contains("Kesari Handloom");
        assertThat(dom).containsPattern("(?s)<ol class=\"timeline\".*<li class=\"latest\">.*<li>");
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    }
}
