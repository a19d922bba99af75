package dev.shipnotify.ops.deadletters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters on the real broker: listed per topic with their reason, replayed to the topic they came from with
 * their key, body and event headers, each once, and only with the operator's token.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka"))
class DeadLettersTest {
    private static final String TOKEN = "Bearer test-admin-token";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private String source;
    private String dlq;

    @BeforeEach
    void aDeadLetterTopicWithThreeRecords() throws Exception {
        source = "dl-source-" + UUID.randomUUID();
        dlq = source + ".some-service.dlq";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(dlq, 1, (short) 1))).all().get();
            producer.send(deadLetter("order-1", "{\"n\":1}", "evt-1", "order order-1 did not arrive within PT24H",
                    source)).get();
            producer.send(deadLetter("order-2", "{\"n\":2}", "evt-2", "the database did not answer", source)).get();
            producer.send(deadLetter("order-3", "{\"n\":3}", "evt-3", "written by hand", null)).get();
        }
    }

    @Test
    void listsEachTopicAndItsRecords_withTheReason_newestFirst() {
        given().get("/api/dead-letters").then().statusCode(200)
                .body("find { it.topic == '" + dlq + "' }.sourceTopic", equalTo(source))
                .body("find { it.topic == '" + dlq + "' }.group", equalTo("some-service"))
                .body("find { it.topic == '" + dlq + "' }.records", equalTo(3))
                .body("find { it.topic == '" + dlq + "' }.pending", equalTo(3));

        given().get("/api/dead-letters/" + dlq).then().statusCode(200)
                .body("", hasSize(3))
                .body("offset", equalTo(List.of(2, 1, 0)))
                .body("[2].reason", equalTo("order order-1 did not arrive within PT24H"))
                .body("[2].sourceTopic", equalTo(source))
                .body("[2].sourcePartition", equalTo(0))
                .body("[2].sourceOffset", equalTo(41))
                .body("[2].eventId", equalTo("evt-1"))
                .body("[2].eventType", equalTo("dev.shipnotify.order.placed.v1"))
                .body("[2].key", equalTo("order-1"))
                .body("[2].replayed", nullValue())
                .body("[2]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("value")));

        given().get("/api/dead-letters/" + dlq + "?limit=1").then().statusCode(200).body("offset", equalTo(List.of(2)));
        given().get("/dead-letters").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString(dlq), containsString("the database did not answer"));
    }

    @Test
    void replaysOneRecordToItsSourceTopic_once() {
        given().post("/api/dead-letters/" + dlq + "/0/0/replay").then().statusCode(401)
                .contentType("application/problem+json");

        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/0/0/replay").then()
                .statusCode(200)
                .body("replayed[0].eventId", equalTo("evt-1"))
                .body("replayed[0].replayed.topic", equalTo(source))
                .body("replayed[0].replayed.offset", equalTo(0));

        TopicReader.Record again = new TopicReader(bootstrapServers).awaitRecord(source, r -> true,
                Duration.ofSeconds(10));
        assertThat(again.key()).isEqualTo("order-1");
        assertThat(again.value()).isEqualTo("{\"n\":1}");
        assertThat(again.header("ce_id")).isEqualTo("evt-1");
        assertThat(again.header("ce_type")).isEqualTo("dev.shipnotify.order.placed.v1");
        assertThat(again.header("dead-letter-reason")).isNull();
        assertThat(again.header("replayed-from")).isEqualTo(dlq + "/0/0");

        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/0/0/replay").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:already-replayed"))
                .body("detail", containsString("replayed at"));
        assertThat(records(source)).hasSize(1);
        given().get("/api/dead-letters/" + dlq).then().body("[2].replayed.topic", equalTo(source));
        given().get("/api/dead-letters").then().body("find { it.topic == '" + dlq + "' }.pending", equalTo(2));
        assertThat(records("ops-console.replays")).extracting(TopicReader.Record::key).contains(dlq + "/0/0");
    }

    @Test
    void replaysAllThatWereNotReplayed_andRefusesOneWithoutASource() {
        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/0/1/replay").then().statusCode(200);

        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/replay").then().statusCode(200)
                .body("replayed.eventId", equalTo(List.of("evt-1")));
        assertThat(records(source)).extracting(TopicReader.Record::key).containsExactly("order-2", "order-1");

        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/0/2/replay").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:no-source-topic"));
        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/replay").then().statusCode(200)
                .body("replayed", hasSize(0));
        assertThat(records(source)).hasSize(2);
    }

    @Test
    void unknownTopicsAndRecords_are404() {
        given().get("/api/dead-letters/no-such-topic.some-service.dlq").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/dead-letters/" + source).then().statusCode(404);
        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/0/99/replay").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TOKEN).post("/api/dead-letters/" + dlq + "/7/0/replay").then()
                .statusCode(404);
        given().get("/api/dead-letters/" + dlq + "?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .post("/api/dead-letters/" + dlq + "/0/-1/replay").then().statusCode(400);
    }

    private List<TopicReader.Record> records(String topic) {
        return new TopicReader(bootstrapServers).readAll(topic);
    }

    private ProducerRecord<String, String> deadLetter(String key, String value, String eventId, String reason,
            String from) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlq, key, value);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "dev.shipnotify.order.placed.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        if (from != null) {
            record.headers().add("dead-letter-topic", from.getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-offset", "41".getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
