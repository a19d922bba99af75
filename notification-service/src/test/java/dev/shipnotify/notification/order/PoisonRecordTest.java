package dev.shipnotify.notification.order;

import static dev.shipnotify.notification.testing.NotificationLog.projectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.testing.Orders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records no retry can fix go to the consumer's dead-letter topic, and the consumer keeps going. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class PoisonRecordTest {

    static final String DLQ = "order-placed.notification-service.dlq";
    private static final Duration BOUND = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = LocalInfraTestResource.MAILBOX_URL)
    String mailboxUrl;

    @Inject
    ObjectMapper json;

    private EventPublisher events;

    @BeforeEach
    void connect() {
        events = new EventPublisher(bootstrapServers, json);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void deadLettersGarbage_andHandlesTheNextEventOfTheSameOrder() {
        OrderPlaced order = Orders.anOrder().build();
        String garbageId = UUID.randomUUID().toString();
        byte[] garbage = "{\"orderId\": oops not json".getBytes(StandardCharsets.UTF_8);

        events.publishRaw(Topics.ORDER_PLACED, order.orderId(), garbage, EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED, garbageId, order.orderId()));
        events.publish(order);

        TopicReader.Record dead = awaitDeadLetter(garbageId);
        assertThat(dead.key()).isEqualTo(order.orderId());
        assertThat(dead.value()).isEqualTo(new String(garbage, StandardCharsets.UTF_8));
        assertThat(dead.header("dead-letter-reason")).startsWith("invalid order-placed body:");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(Topics.ORDER_PLACED);
        assertThat(dead.header("dead-letter-partition")).isNotBlank();
        assertThat(dead.header("dead-letter-offset")).isNotBlank();

        // Same key, same partition, published after the poison record: the consumer moved past it.
        MailboxClient mailbox = new MailboxClient(mailboxUrl);
        await().atMost(BOUND).until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatch_isDeadLetteredAlone_andTheRestOfTheBatchIsApplied() {
        OrderPlaced before = Orders.anOrder().build();
        OrderPlaced after = Orders.anOrder().build();
        String garbageId = UUID.randomUUID().toString();
        String beforeId = UUID.randomUUID().toString();
        String afterId = UUID.randomUUID().toString();

        events.publishTogether(Topics.ORDER_PLACED, 0, List.of(events.raw(before, beforeId),
                new EventPublisher.Raw(before.orderId(), "[1, 2".getBytes(StandardCharsets.UTF_8),
                        EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED, garbageId, before.orderId())),
                events.raw(after, afterId)));

        MailboxClient mailbox = new MailboxClient(mailboxUrl);
        await().atMost(BOUND).until(() -> mailbox.messagesTo(before.customer().email()).size() == 1
                && mailbox.messagesTo(after.customer().email()).size() == 1);
        assertThat(projectionOf(before.orderId())).isPresent();
        assertThat(projectionOf(after.orderId())).isPresent();
        assertThat(awaitDeadLetter(garbageId).header("dead-letter-reason")).startsWith("invalid order-placed body:");
        assertThat(new TopicReader(bootstrapServers).readAll(DLQ)).extracting(r -> r.header(CloudEventHeaders.ID))
                .doesNotContain(beforeId, afterId);
    }

    @Test
    void deadLettersAnEvent_withoutItsRequiredFields() {
        String orderId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        byte[] body = ("{\"schemaVersion\": 1, \"orderId\": \"" + orderId + "\"}").getBytes(StandardCharsets.UTF_8);

        events.publishRaw(Topics.ORDER_PLACED, orderId, body, EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED, eventId, orderId));

        TopicReader.Record dead = awaitDeadLetter(eventId);
        assertThat(dead.header("dead-letter-reason")).startsWith("invalid order-placed body:").contains("merchantId");
        assertThat(projectionOf(orderId)).isEmpty();
    }

    @Test
    void deadLettersARecord_withoutAnEventId() throws Exception {
        OrderPlaced order = Orders.anOrder().build();
        Map<String, String> headers = new LinkedHashMap<>(
                EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED, "unused", order.orderId()));
        headers.remove(CloudEventHeaders.ID);

        events.publishRaw(Topics.ORDER_PLACED, order.orderId(), json.writeValueAsBytes(order), headers);

        TopicReader.Record dead = new TopicReader(bootstrapServers).awaitRecord(DLQ,
                record -> order.orderId().equals(record.key()), BOUND);
        assertThat(dead.header("dead-letter-reason")).isEqualTo("missing ce_id header");
        assertThat(projectionOf(order.orderId())).isEmpty();
    }

    private TopicReader.Record awaitDeadLetter(String eventId) {
        return new TopicReader(bootstrapServers).awaitRecord(DLQ,
                record -> eventId.equals(record.header(CloudEventHeaders.ID)), BOUND);
    }
}
