package dev.shipnotify.tracking.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.tracking.Events;
import dev.shipnotify.tracking.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A record no retry can fix leaves its batch alone, for the dead-letter topic; the rest of the batch is kept. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class PoisonRecordTest {
    private static final String DLQ = Topics.deadLetter(Topics.ORDER_PLACED, "tracking-service");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    OrderSnapshots orders;

    @Test
    void aPoisonRecordInTheMiddleOfABatch_isDeadLetteredAlone_andTheRestOfTheBatchIsApplied() {
        TestMerchant merchant = TestMerchant.create();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String poisonId = UUID.randomUUID().toString();
        byte[] notJson = "{\"orderId\": oops".getBytes(StandardCharsets.UTF_8);

        try (EventPublisher events = new EventPublisher(bootstrapServers, json)) {
            events.publishTogether(Topics.ORDER_PLACED, 0, List.of(
                    events.raw(merchant.order(before, "hi-IN"), UUID.randomUUID().toString()),
                    new EventPublisher.Raw(before, notJson,
                            EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED, poisonId, before)),
                    events.raw(merchant.order(after, "en-IN"), UUID.randomUUID().toString())));
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.find(before).isPresent() && orders.find(after).isPresent());
        TopicReader.Record dead = Events.await(DLQ, r -> poisonId.equals(r.header(CloudEventHeaders.ID)));
        assertThat(dead.header("dead-letter-reason")).startsWith("invalid order-placed body:");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(Topics.ORDER_PLACED);
        assertThat(dead.header("dead-letter-partition")).isEqualTo("0");
        assertThat(Events.all(DLQ, r -> !poisonId.equals(r.header(CloudEventHeaders.ID)))).isEmpty();
    }
}
