package dev.shipnotify.tracking;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.inbox.EventEnvelope;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import io.quarkus.logging.Log;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a consumed record as the event it should be and hands it on. A poison record (no {@code ce_id}, not the
 * event it claims) is logged and rethrown for the channel's dead-letter topic at once; any other failure is logged
 * and rethrown for the caller's retry, then the dead-letter topic.
 */
public final class Inbound {
    private Inbound() {
    }

    public static void handle(ConsumerRecord<String, byte[]> record, EventType type, Consumer<EventEnvelope> apply) {
        try {
            apply.accept(EventEnvelope.of(record, type));
        } catch (PoisonEventException e) {
            Log.warnf("Dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            Log.warnf("Could not apply %s-%d@%d (key %s), will retry, then dead-letter: %s", record.topic(),
                    record.partition(), record.offset(), record.key(), e);
            throw e;
        }
    }
}
