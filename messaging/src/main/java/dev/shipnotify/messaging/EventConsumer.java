package dev.shipnotify.messaging;

import dev.shipnotify.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer of the suite handles what one poll of its channel returned. A channel method receives the
 * batch ({@code ConsumerRecords}, the channels being in batch mode) and hands it here with its event type and
 * handler; the batch is acknowledged, and its offsets become committable, when this returns.
 *
 * <ol>
 * <li>Each record is read as its event ({@link EventEnvelope}); one that is not (no {@code ce_id}, another
 * {@code ce_type}, no body) is a dead letter at once.
 * <li>The rest is applied in one unit of work ({@link Inbox}: one transaction with a set-based inbox on PostgreSQL,
 * idempotent bulk writes on MongoDB), in offset order per partition, so per order.
 * <li>A record the handler names as poison ({@link PoisonEventException}) leaves the batch for the dead-letter topic,
 * and the rest is applied again without it. Any other failure is retried with backoff; a failure of the store
 * ({@link Failures#isTransient}) for as long as it lasts, any other a few times, then the batch is split in halves
 * until the record that fails alone is found and dead-lettered with the reason. Every other record is applied.
 * <li>The dead letters are written, and the broker acknowledged them, before the batch is acknowledged.
 * </ol>
 *
 * <p>When the service stops (SIGTERM), before its stores close, batches handed over from then on are not handled,
 * and not acknowledged either: they are consumed again after the restart, and the inbox makes that harmless.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often a batch failing for no store-side reason is tried again as a whole before it is split. */
    static final int RETRIES_BEFORE_SPLIT = 2;
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    @Inject
    public EventConsumer(Inbox inbox, DeadLetters deadLetters, MeterRegistry meters, Instance<Tracer> tracers) {
        // A service without OpenTelemetry (ops-console) has no tracer to give.
        this(inbox, deadLetters, meters, tracers.isResolvable() ? tracers.get()
                : OpenTelemetry.noop().getTracer(EventConsumer.class.getName()));
    }

    EventConsumer(Inbox inbox, DeadLetters deadLetters, MeterRegistry meters, Tracer tracer) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.tracer = tracer;
    }

    /**
     * A handler that applies one event after the other, each in a consumer span of its own that continues the trace
     * its record carries (the {@code traceparent} header): what it queues or writes keeps the trace of the request
     * behind the event.
     */
    public BatchHandler eachEvent(Consumer<EventEnvelope> apply) {
        return events -> {
            for (EventEnvelope event : events) {
                Span span = tracer.spanBuilder(event.topic() + " process").setSpanKind(SpanKind.CONSUMER)
                        .setParent(TraceParents.parent(event.traceParent()))
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.operation", "process")
                        .setAttribute("messaging.destination.name", event.topic())
                        .setAttribute("messaging.message.id", event.id())
                        .setAttribute("messaging.kafka.destination.partition", event.partition())
                        .setAttribute("messaging.kafka.message.offset", event.offset())
                        .startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    apply.accept(event);
                } catch (RuntimeException e) {
                    span.recordException(e);
                    span.setStatus(StatusCode.ERROR);
                    throw e;
                } finally {
                    span.end();
                }
            }
        };
    }

    /** Applies a polled batch of records that should all be {@code type} events; see the class comment. */
    public void consume(ConsumerRecords<String, byte[]> records, EventType type, BatchHandler handler) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        consume(list, type, handler);
    }

    /** The same for records in a list, in offset order per partition. */
    public void consume(List<ConsumerRecord<String, byte[]>> records, EventType type, BatchHandler handler) {
        if (records.isEmpty()) {
            return;
        }
        enter(records.get(0));
        try {
            Batch batch = new Batch(type.topic());
            List<EventEnvelope> events = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    EventEnvelope event = EventEnvelope.of(record, type);
                    batch.origins.put(event, record);
                    events.add(event);
                } catch (PoisonEventException e) {
                    batch.deadLetter(record, e.getMessage(), null);
                }
            }
            apply(events, handler, batch, RETRIES_BEFORE_SPLIT);
            if (!batch.letters.isEmpty()) {
                untilDone("write " + batch.letters.size() + " dead letters", () -> deadLetters.send(batch.letters));
                count(batch.topic, "dead-lettered", batch.letters.size());
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void apply(List<EventEnvelope> events, BatchHandler handler, Batch batch, int retries) {
        List<EventEnvelope> pending = new ArrayList<>(events);
        Duration backoff = FIRST_BACKOFF;
        int failures = 0;
        while (!pending.isEmpty()) {
            try {
                int applied = inbox.apply(pending, handler).size();
                count(batch.topic, "applied", applied);
                count(batch.topic, "duplicate", pending.size() - applied);
                return;
            } catch (RuntimeException e) {
                Optional<PoisonEventException> poison = Failures.poison(e);
                Optional<EventEnvelope> named = poison.flatMap(PoisonEventException::event)
                        .filter(batch.origins::containsKey);
                if (named.isPresent() && removeByIdentity(pending, named.get())) {
                    batch.deadLetter(batch.origins.get(named.get()), poison.get().getMessage(), null);
                    continue;
                }
                if (poison.isEmpty() && Failures.isTransient(e)) {
                    LOG.warnf("%d %s events wait for the store: %s; trying again in %d ms", pending.size(),
                            batch.topic, Failures.reason(e), backoff.toMillis());
                    pause(backoff);
                    backoff = next(backoff);
                    continue;
                }
                if (poison.isEmpty() && failures++ < retries) {
                    LOG.warnf("%d %s events could not be applied (%s); trying again in %d ms", pending.size(),
                            batch.topic, Failures.reason(e), backoff.toMillis());
                    pause(backoff);
                    backoff = next(backoff);
                    continue;
                }
                if (pending.size() == 1) {
                    EventEnvelope alone = pending.get(0);
                    batch.deadLetter(batch.origins.get(alone), Failures.reason(e), e);
                    return;
                }
                int half = pending.size() / 2;
                LOG.infof("Splitting %d %s events to find the one that fails: %s", pending.size(), batch.topic,
                        Failures.reason(e));
                apply(List.copyOf(pending.subList(0, half)), handler, batch, 0);
                apply(List.copyOf(pending.subList(half, pending.size())), handler, batch, 0);
                return;
            }
        }
    }

    /** Runs {@code work} until it succeeds, with backoff, unless the service stops. */
    private void untilDone(String what, Runnable work) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not %s: %s; trying again in %d ms", what, e, backoff.toMillis());
                pause(backoff);
                backoff = next(backoff);
            }
        }
    }

    private static boolean removeByIdentity(List<EventEnvelope> events, EventEnvelope event) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == event) {
                events.remove(i);
                return true;
            }
        }
        return false;
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** Waits before the next try; a service that stops meanwhile leaves the batch unacknowledged. */
    private void pause(Duration backoff) {
        if (stopping) {
            throw new IllegalStateException("stopping: the batch is left for the partition's next consumer");
        }
        try {
            TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the batch is left for the partition's next consumer", e);
        }
    }

    private void count(String topic, String outcome, int events) {
        if (events > 0) {
            meters.counter("events_consumed", "topic", topic, "outcome", outcome).increment(events);
        }
    }

    private void enter(ConsumerRecord<String, byte[]> first) {
        inFlight.incrementAndGet();
        if (stopping) {
            inFlight.decrementAndGet();
            leaveForRedelivery(first);
        }
    }

    /**
     * Holds the consumer's thread, so the batch is neither acknowledged nor dead-lettered; the channel closes with its
     * offsets uncommitted. Only the executor's final interrupt, after the channels closed, releases the thread.
     */
    private static void leaveForRedelivery(ConsumerRecord<String, byte[]> first) {
        LOG.infof("Stopping: the batch from %s-%d@%d is left for the partition's next consumer", first.topic(),
                first.partition(), first.offset());
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("stopped before handling " + first.topic() + "-" + first.partition() + "@"
                + first.offset());
    }

    void started(@Observes StartupEvent event) {
        stopping = false;
    }

    /**
     * The service stops and its stores are still open (Quarkus fires this before it closes them; this observer runs
     * among the first): no new batch is taken, and those being applied get up to {@link #GRACE} to finish.
     */
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        long begin = System.nanoTime();
        long deadline = begin + GRACE.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.get();
        if (left > 0) {
            LOG.warnf("Stopping: %d batches still being applied after %d s; they will be consumed again after the "
                    + "restart", left, GRACE.toSeconds());
        } else {
            LOG.infof("Stopping: consumers take no more records; those under way finished in %d ms",
                    (System.nanoTime() - begin) / 1_000_000);
        }
    }

    /** What one batch came to: where each event came from, and its dead letters so far. */
    private final class Batch {
        final String topic;
        final Map<EventEnvelope, ConsumerRecord<String, byte[]>> origins = new IdentityHashMap<>();
        final List<ProducerRecord<String, byte[]>> letters = new ArrayList<>();

        Batch(String topic) {
            this.topic = topic;
        }

        void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
            LOG.warnf("Dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), reason);
            letters.add(deadLetters.of(record, reason, cause));
        }
    }
}
