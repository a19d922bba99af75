package dev.shipnotify.ops.lag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.shipnotify.infra.browser.HeadlessChromium;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The lag page as on-call opens it: one group that stopped 40 records behind and one that is caught up, rendered by
 * headless Chromium at a laptop's size. The lagging group comes first, with its bar, its lag and STOP; a screenshot
 * is kept at {@code target/screenshots/lag-page.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka"))
class LagPageTest {
    private static final Pattern GROUP = Pattern.compile("<section class=\"group [a-z]+\" id=\"group-\\d+\" "
            + "data-group=\"([^\"]+)\" data-status=\"([A-Z]+)\"");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void showsTheLaggingGroupFirst_withItsLagAndStatus_andReloadsItself() throws Exception {
        String topic = "ops-page-" + UUID.randomUUID();
        String behind = "page-behind-" + UUID.randomUUID();
        String caughtUp = "page-caught-up-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
            TopicPartition partition = new TopicPartition(topic, 0);
            admin.alterConsumerGroupOffsets(behind, Map.of(partition, new OffsetAndMetadata(60))).all().get();
            admin.alterConsumerGroupOffsets(caughtUp, Map.of(partition, new OffsetAndMetadata(100))).all().get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/lag").then().statusCode(200)
                .body("groups.find { it.group == '" + behind + "' }.status", org.hamcrest.Matchers.equalTo("STOP")));

        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<meta http-equiv=\"refresh\" content=\"1\">"));

        if (!HeadlessChromium.installed()) {
            assertThat(System.getenv("CI")).as("Chromium missing on CI; .ci/run installs it").isNull();
            Assumptions.abort("Chromium is not installed here; .ci/run installs it (apt-get install chromium)");
        }
        String url = "http://127.0.0.1:" + RestAssured.port + "/";
        HeadlessChromium laptop = HeadlessChromium.window(1280, 900);
        String dom = laptop.dumpDom(url);
        Path screenshot = laptop.screenshot(url, Path.of("target/screenshots/lag-page.png"));

        List<String[]> groups = GROUP.matcher(dom).results().map(m -> new String[] {m.group(1), m.group(2)}).toList();
        assertThat(groups).as("groups on the page").isNotEmpty();
        assertThat(groups.get(0)[1]).as("the first group on the page lags").isNotEqualTo("OK");
        List<String> names = groups.stream().map(g -> g[0]).toList();
        assertThat(names).contains(behind, caughtUp);
        assertThat(names.indexOf(behind)).as("the lagging group before the caught-up one")
                .isLessThan(names.indexOf(caughtUp));
        Matcher section = Pattern.compile("(?s)data-group=\"" + Pattern.quote(behind) + "\".*?</section>")
                .matcher(dom);
        assertThat(section.find()).isTrue();
        assertThat(section.group()).contains("data-status=\"STOP\"", "40 records behind", "60 / 100")
                .as("a bar as wide as its share of the largest lag on the page").containsPattern("width: [1-9][0-9]*%");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
}
