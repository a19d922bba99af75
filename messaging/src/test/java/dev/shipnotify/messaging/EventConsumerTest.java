package dev.shipnotify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The batch engine on its own: a store that keeps a batch's effects only when the whole batch succeeds (as a
 * transaction does), and dead letters captured instead of sent.
 */
class EventConsumerTest {
    private static final String TOPIC = EventType.ORDER_PLACED.topic();

    private final List<String> stored = new ArrayList<>();
    private final List<ProducerRecord<String, byte[]>> letters = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventConsumer consumer = new EventConsumer(this::transaction, new CapturedDeadLetters(), meters,
            OpenTelemetry.noop().getTracer("test"));

    /** Applies the batch as one transaction would: all of its effects or none. */
    private List<EventEnvelope> transaction(List<EventEnvelope> events, BatchHandler handler) {
        handler.apply(events);
        events.forEach(e -> stored.add(e.id()));
        return events;
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatch_isDeadLetteredAlone_andTheRestIsApplied() {
        List<ConsumerRecord<String, byte[]>> batch = records(5);

        consumer.consume(batch, EventType.ORDER_PLACED, events -> events.forEach(event -> {
            if (event.id().equals("e2")) {
                throw new PoisonEventException(event, "invalid order-placed body: no orderId");
            }
        }));

        assertThat(stored).containsExactly("e0", "e1", "e3", "e4");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("order-placed.test-service.dlq");
            assertThat(letter.key()).isEqualTo("order-2");
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo("invalid order-placed body: no orderId");
            assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(TOPIC);
            assertThat(header(letter, DeadLetters.PARTITION)).isEqualTo("1");
            assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo("102");
            assertThat(header(letter, CloudEventHeaders.ID)).isEqualTo("e2");
        });
        assertThat(counted("applied")).isEqualTo(4);
        assertThat(counted("dead-lettered")).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNoEvent_isDeadLetteredBeforeTheBatchIsApplied() {
        List<ConsumerRecord<String, byte[]>> batch = records(3);
        batch.get(1).headers().remove(CloudEventHeaders.ID);

        consumer.consume(batch, EventType.ORDER_PLACED, events -> {
        });

        assertThat(stored).containsExactly("e0", "e2");
        assertThat(letters).singleElement()
                .satisfies(letter -> assertThat(header(letter, DeadLetters.REASON)).isEqualTo("missing ce_id header"));
    }

    @Test
    void aBatchThatFailsForNoNamedRecord_isRetried_thenSplitUntilTheRecordThatFailsAloneIsFound() {
        List<ConsumerRecord<String, byte[]>> batch = records(8);
        AtomicInteger tries = new AtomicInteger();

        consumer.consume(batch, EventType.ORDER_PLACED, events -> {
            tries.incrementAndGet();
            if (events.stream().anyMatch(e -> e.id().equals("e5"))) {
                throw new IllegalArgumentException("total amount overflows");
            }
        });

        assertThat(stored).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e6", "e7");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(header(letter, CloudEventHeaders.ID)).isEqualTo("e5");
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo("total amount overflows");
            assertThat(header(letter, DeadLetters.CAUSE)).isEqualTo(IllegalArgumentException.class.getName());
        });
        // The whole batch 3 times (2 retries), then once each: e0-e3, e4-e7, e4-e5, e4, e5, e6-e7.
        assertThat(tries.get()).isEqualTo(9);
    }

    @Test
    void aStoreThatIsDown_isWaitedOut_andNothingIsDeadLettered() {
        List<ConsumerRecord<String, byte[]>> batch = records(4);
        AtomicInteger tries = new AtomicInteger();

        consumer.consume(batch, EventType.ORDER_PLACED, events -> {
            if (tries.incrementAndGet() <= 3) {
                throw new IllegalStateException(new SQLTransientConnectionException("connection refused", "08001"));
            }
        });

        assertThat(stored).containsExactly("e0", "e1", "e2", "e3");
        assertThat(letters).isEmpty();
        assertThat(tries.get()).isEqualTo(4);
    }

    @Test
    void everyRecordPoisonedOneByOne_leavesNothingApplied_andEachDeadLettered() {
        List<ConsumerRecord<String, byte[]>> batch = records(3);

        consumer.consume(batch, EventType.ORDER_PLACED, events -> {
            throw new PoisonEventException(events.get(0), "no order " + events.get(0).key());
        });

        assertThat(stored).isEmpty();
        assertThat(letters).extracting(letter -> header(letter, CloudEventHeaders.ID)).containsExactly("e0", "e1", "e2");
        assertThat(Set.copyOf(letters.stream().map(l -> header(l, DeadLetters.REASON)).toList()))
                .containsExactlyInAnyOrder("no order order-0", "no order order-1", "no order order-2");
    }

    private double counted(String outcome) {
        return meters.counter("events_consumed", "topic", TOPIC, "outcome", outcome).count();
    }

    private static List<ConsumerRecord<String, byte[]>> records(int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 1, 100 + i, "order-" + i,
                    ("{\"orderId\":\"order-" + i + "\"}").getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.ID, ("e" + i).getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE,
                    EventType.ORDER_PLACED.ceType().getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return records;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private final class CapturedDeadLetters extends DeadLetters {
        CapturedDeadLetters() {
            super("test-service", null);
        }

        @Override
        public void send(List<ProducerRecord<String, byte[]>> batch) {
            letters.addAll(batch);
        }
    }
}
