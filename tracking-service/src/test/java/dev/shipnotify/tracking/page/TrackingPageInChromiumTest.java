package dev.shipnotify.tracking.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void showsTheTimelineInHindi_onAPhoneSizedScreen_withoutJavaScript() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(System.getenv("CI")).as("Chromium missing on CI; .ci/run installs it").isNull();
            Assumptions.abort("Chromium is not installed here; .ci/run installs it (apt-get install chromium)");
        }
        TrackingPageTest.Parcel parcel = TrackingPageTest.Parcel.outForDelivery("hi-IN");
        String url = "http://127.0.0.1:" + RestAssured.port + parcel.link();
        Path screenshot = Path.of("target/screenshots/tracking-page.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        String dom = chromium("--dump-dom", url);
        chromium("--screenshot=" + screenshot, url);

        assertThat(dom).contains("id=\"timeline\"").contains("डिलीवरी के लिए निकला है").contains("Kesari Handloom");
        assertThat(dom).containsPattern("(?s)<ol class=\"timeline\".*<li class=\"latest\">.*<li>");
        assertThat(screenshot).isRegularFile();
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    }

    /** Runs headless Chromium once with a fresh profile and answers what it printed to stdout. */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-javascript", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                "--window-size=412,915", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Chromium finished within 60 s").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit code").isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
