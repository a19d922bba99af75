package dev.shipnotify.contracts.inbox;

import dev.shipnotify.contracts.EventType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a consumed record as the event it should be and hands it on, the same way in every consumer. A poison
 * record (no {@code ce_id}, not the event it claims) is logged and rethrown for the channel's dead-letter topic at
 * once; any other failure is logged and rethrown for the caller's retry, then the dead-letter topic. Logs through
 * the JDK's {@link System.Logger}, which Quarkus routes to its own logging, so this jar needs no logging library.
 *
 * <p>When the service stops ({@link #stop}), before its stores close, records handed over from then on are not
 * handled, and not acknowledged either: their offsets are not committed, so they are consumed again after the
 * restart. Without this, a record taken while the database closes fails, is retried against the closed store, and
 * lands on the dead-letter topic, though nothing is wrong with it.
 */
public final class Inbound {
    private static final Logger LOG = System.getLogger(Inbound.class.getName());
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static volatile boolean stopping;

    private Inbound() {
    }

    public static void handle(ConsumerRecord<String, byte[]> record, EventType type, Consumer<EventEnvelope> apply) {
        IN_FLIGHT.incrementAndGet();
        if (stopping) {
            IN_FLIGHT.decrementAndGet();
            leaveForRedelivery(record);
        }
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
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    /**
     * The service is stopping and its stores are still open: takes no more records, and waits up to {@code grace}
     * for those being handled. Returns how many were still being handled when it gave up (0: all finished).
     */
    public static int stop(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (IN_FLIGHT.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return IN_FLIGHT.get();
    }

    /** The service (re)starts: records are handled again. */
    public static void start() {
        stopping = false;
    }

    /**
     * Holds the consumer's thread, so the record is neither acknowledged nor dead-lettered; the channel closes with
     * its offset uncommitted. Only the executor's final interrupt, after the channels closed, releases the thread.
     */
    private static void leaveForRedelivery(ConsumerRecord<String, byte[]> record) {
        LOG.log(Level.INFO, String.format("Stopping: %s-%d@%d is left for the partition's next consumer",
                record.topic(), record.partition(), record.offset()));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("stopped before handling " + record.topic() + "-" + record.partition() + "@"
                + record.offset());
    }
}
