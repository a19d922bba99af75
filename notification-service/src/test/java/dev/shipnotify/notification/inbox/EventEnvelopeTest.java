package dev.shipnotify.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipnotify.contracts.EventType;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

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

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("order-placed", 2, 41, "order-1", value);
    }
}
