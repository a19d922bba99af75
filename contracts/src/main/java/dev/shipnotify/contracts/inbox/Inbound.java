package dev.shipnotify.contracts.inbox;

import dev.shipnotify.contracts.EventType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a consumed record as the event it should be and hands it on, the same way in every consumer. A poison
 * record (no {@code ce_id}, not the event it claims) is logged and rethrown for the channel's dead-letter topic at
 * once; any other failure is logged and rethrown for the caller's retry, then the dead-letter topic. Logs through
 * the JDK's {@link System.Logger}, which Quarkus routes to its own logging, so this jar needs no logging library.
 */
public final class Inbound {
    private static final Logger LOG = System.getLogger(Inbound.class.getName());

    private Inbound() {
    }

    public static void handle(ConsumerRecord<String, byte[]> record, EventType type, Consumer<EventEnvelope> apply) {
        try {
            apply.accept(EventEnvelope.of(record, type));
        } catch (PoisonEventException e) {
            LOG.log(Level.WARNING, String.format("Dead-lettering %s-%d@%d (key %s): %s", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, String.format("Could not apply %s-%d@%d (key %s), will retry, then dead-letter: %s",
                    record.topic(), record.partition(), record.offset(), record.key(), e));
            throw e;
        }
    }
}
