package dev.shipnotify.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderCancelled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsTheEventIdAndPosition() {
        var record = record("{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", EventType.ORDER_PLACED.ceType().getBytes(StandardCharsets.UTF_8));

        EventEnvelope event = EventEnvelope.of(record, EventType.ORDER_PLACED);

        assertThat(event.id()).isEqualTo("evt-1");
        assertThat(event.key()).isEqualTo("order-1");
        assertThat(event.position()).isEqualTo("order-placed-2@41");
    }

    @Test
    void rejectsARecordWithoutEventId() {
        assertThatThrownBy(() -> EventEnvelope.of(record(new byte[] {'{', '}'}), EventType.ORDER_PLACED))
                .isInstanceOf(PoisonEventException.class).hasMessage("missing ce_id header");
    }

    @Test
    void rejectsAnotherEventType() {
        var record = record(new byte[] {'{', '}'});
        record.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", EventType.SHIPMENT_DELIVERED.ceType().getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventEnvelope.of(record, EventType.ORDER_PLACED))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("unexpected ce_type");
    }

    @Test
    void rejectsARecordWhoseValueCouldNotBeRead_withTheDeserializerReason() {
        var record = record(null);
        record.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("deserialization-failure-reason", "boom".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventEnvelope.of(record, EventType.ORDER_PLACED))
                .isInstanceOf(PoisonEventException.class).hasMessage("unreadable record: boom");
    }

    @Test
    void readsTheBodyAsItsContractRecord() throws IOException {
        byte[] sample;
        try (InputStream in = EventType.class.getResourceAsStream(EventType.ORDER_CANCELLED.sampleResource())) {
            sample = in.readAllBytes();
        }
        var record = record(sample);
        record.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));

        OrderCancelled cancelled = EventEnvelope.of(record, EventType.ORDER_CANCELLED).read(JSON, OrderCancelled.class);

        assertThat(cancelled.orderId()).isEqualTo("7d0c9a4e-3f1b-4c2a-9e5d-2b8f6a1c4e90");
    }

    @Test
    void rejectsABodyThatIsNotTheEventItClaims_withoutEchoingIt() {
        for (String body : new String[] {"null", "{\"orderId\": \"o-1\"}", "priya@example.com"}) {
            var record = record(body.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", "evt-1".getBytes(StandardCharsets.UTF_8));
            EventEnvelope event = EventEnvelope.of(record, EventType.ORDER_CANCELLED);

            assertThatThrownBy(() -> event.read(JSON, OrderCancelled.class)).as(body)
                    .isInstanceOf(PoisonEventException.class)
                    .hasMessageStartingWith("invalid order-placed body:")
                    .message().doesNotContain("priya@example.com");
        }
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("order-placed", 2, 41, "order-1", value);
    }
}
