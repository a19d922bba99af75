package dev.shipnotify.notification.delivery;

import static dev.shipnotify.notification.testing.NotificationLog.notificationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.testing.EventsAndInbox;
import dev.shipnotify.notification.testing.Orders;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trace of an event goes on to its message's send: an order-placed record whose {@code traceparent} header names
 * a trace (as tracking-service and order-service write it) is sent to the shopper in a span of that same trace, and
 * the notification remembers which trace.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class TracingTest extends EventsAndInbox {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theSendOfAMessage_joinsTheTraceOfTheEventThatCausedIt() throws Exception {
        OrderPlaced order = Orders.anOrder().build();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = new HashMap<>(EventPublisher.cloudEventHeaders(EventType.ORDER_PLACED,
                UUID.randomUUID().toString(), order.orderId()));
        headers.put(CloudEventHeaders.TRACE_PARENT, "00-" + traceId + "-00f067aa0ba902b7-01");

        events.publishRaw(Topics.ORDER_PLACED, order.orderId(), json.writeValueAsBytes(order), headers);

        await().atMost(DELIVERY).until(() -> mailbox.messagesTo(order.customer().email()).size() == 1);
        SpanData send = await().atMost(DELIVERY).until(() -> sendSpans(traceId), found -> !found.isEmpty()).get(0);
        assertThat(send.getName()).isEqualTo("send email");
        assertThat(send.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(send.getAttributes().asMap().toString()).contains("notification.outcome=SENT");
        assertThat(send.getParentSpanId()).as("a child of the consumer's span, not of the producer's")
                .isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0000000000000000");
        assertThat(notificationsOf(order.orderId())).extracting(Notification::traceId).containsOnly(traceId);
    }

    private List<SpanData> sendSpans(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().startsWith("send ")).toList();
    }
}
