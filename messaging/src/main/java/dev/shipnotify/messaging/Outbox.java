package dev.shipnotify.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes what a service wrote to its {@link OutboxStore} (there is at most one; a service without one has an
 * idle outbox). One thread per process does all the work, so the rounds of one process never overlap; the stores'
 * leases keep the rounds of other instances off the same events.
 *
 * <p>A round claims up to {@code messaging.outbox.batch-size} events, hands them all to the {@link Publisher}'s
 * producer at once, waits for the broker's answers, and settles the claim in one write: an event is marked published only once the broker
 * acknowledged it ({@code acks=all}) and every earlier event of its key in the claim was too, so a key's events keep
 * their order. If the process dies between the acknowledgement and the settle, the lease runs out and the events
 * are published again with the same {@code ce_id}, which consumers de-duplicate on; that is the only way an event
 * goes twice.
 *
 * <p>A round runs right after each write that added events ({@link #written}; a PostgreSQL store calls it after
 * the commit), reading those holders by id; the safety poll ({@code messaging.outbox.poll-interval}) looks for any
 * waiting event: another instance's that crashed, or events left when a round failed. While the broker or the store
 * is down, rounds back off up to {@code messaging.outbox.max-backoff}; nothing is skipped, ever.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxStore store;
    private final Publisher publisher;
    private final String source;
    private final Settings settings;
    private final Counter published;
    private final Counter failures;
    private final Queue<String> announced = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    /** A write without holders (a table) asked for a round: that round claims whatever waits. */
    private final AtomicBoolean scanWanted = new AtomicBoolean();
    private ScheduledExecutorService worker;
    private Instant pausedUntil = Instant.MIN;
    private int consecutiveFailures;

    /**
     * @param batchSize events claimed, sent and settled together
     * @param lease how long a claim keeps its events from other claims; longer than a send may take
     * @param pollInterval how often the safety poll looks for any waiting event
     * @param maxBackoff longest pause between rounds while the broker or the store fails
     * @param retention how long published events are kept where the store keeps them (for audits and replays)
     */
    public record Settings(int batchSize, Duration lease, Duration pollInterval, Duration maxBackoff,
            Duration retention) {
    }

    @Inject
    public Outbox(Instance<OutboxStore> stores, Publisher publisher, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "messaging.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "messaging.outbox.lease", defaultValue = "30s") Duration lease,
            @ConfigProperty(name = "messaging.outbox.poll-interval", defaultValue = "5s") Duration pollInterval,
            @ConfigProperty(name = "messaging.outbox.max-backoff", defaultValue = "5s") Duration maxBackoff,
            @ConfigProperty(name = "messaging.outbox.retention", defaultValue = "P7D") Duration retention,
            @ConfigProperty(name = "messaging.outbox.store") Optional<String> kind) {
        this(store(stores, kind), publisher, registry, service,
                new Settings(batchSize, lease, pollInterval, maxBackoff, retention));
    }

    /** The configured store; none if none is configured, and a failed start if the configured one is missing. */
    private static OutboxStore store(Instance<OutboxStore> stores, Optional<String> kind) {
        if (kind.isPresent() && !stores.isResolvable()) {
            throw new IllegalStateException("messaging.outbox.store=" + kind.get()
                    + " names no outbox store: postgresql (with a datasource) or mongodb (with a MongoDB client)");
        }
        return kind.isPresent() ? stores.get() : null;
    }

    /** An outbox of this store (null: none), for a service and for tests; {@link #start} starts its rounds. */
    public Outbox(OutboxStore store, Publisher publisher, MeterRegistry registry, String service, Settings settings) {
        this.store = store;
        this.publisher = publisher;
        this.source = "/" + service;
        this.settings = settings;
        this.published = Counter.builder("outbox.published").description("Outbox events published to Kafka")
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("Outbox rounds that failed and will be retried").register(registry);
    }

    void start(@Observes StartupEvent started) {
        start();
    }

    /** Starts the rounds: one at once (what an earlier run left), then the safety poll and the hourly purge. */
    public synchronized void start() {
        if (store == null || worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Asks for the events just written to these holders (document ids; none for a table) to be published now, off
     * the caller's thread. Many calls while a round is queued make one round.
     */
    public void written(Collection<String> holders) {
        if (holders.isEmpty()) {
            scanWanted.set(true);
        }
        announced.addAll(holders);
        ScheduledExecutorService running = worker;
        if (running != null && roundQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                roundQueued.set(false);
                round(false);
            });
        }
    }

    /** Publishes every waiting event now and returns when done or when a round failed: for tests and tools. */
    public void drain() {
        ScheduledExecutorService running = worker;
        if (running == null) {
            throw new IllegalStateException("this service has no outbox store");
        }
        try {
            running.submit(() -> round(true)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The safety poll's round; whatever it throws, the poll goes on (a periodic task that throws is cancelled). */
    private void poll() {
        try {
            round(true);
        } catch (Throwable e) {
            Log.errorf(e, "Outbox poll failed; the next one runs in %s", settings.pollInterval());
        }
    }

    /** One round, on the worker thread: the announced holders by id, then (for the poll) anything waiting. */
    private void round(boolean poll) {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        boolean scan = scanWanted.getAndSet(false) || poll;
        Set<String> holders = new LinkedHashSet<>();
        try {
            while (!announced.isEmpty()) {
                holders.clear();
                for (String id; holders.size() < settings.batchSize() && (id = announced.poll()) != null; ) {
                    holders.add(id);
                }
                publish(holders);
            }
            holders.clear();
            if (scan) {
                while (publish(Set.of()) == settings.batchSize()) {
                    // a full claim: there may be more
                }
            }
            recovered();
        } catch (RuntimeException e) {
            // Announced holders not yet published are tried again by id once the pause is over.
            announced.addAll(holders);
            if (scan) {
                scanWanted.set(true);
            }
            failed(e);
        }
    }

    /** Claims, sends the claim at once, settles; answers how many events were claimed; throws if any was not published. */
    private int publish(Set<String> holders) {
        OutboxStore.Claim claim = store.claim(holders, settings.batchSize(), settings.lease());
        List<ProducerRecord<String, byte[]>> records = claim.events().stream().map(e -> e.record(source)).toList();
        List<Exception> outcomes = publisher.sendEach(records);
        Set<String> done = new HashSet<>();
        Set<String> stopped = new HashSet<>();
        Exception error = null;
        for (int i = 0; i < records.size(); i++) {
            OutboxEvent event = claim.events().get(i);
            if (outcomes.get(i) == null && !stopped.contains(event.key())) {
                done.add(event.id());
            } else {
                stopped.add(event.key());
                error = error == null ? outcomes.get(i) : error;
            }
        }
        store.settle(claim, done, error == null ? null : error.toString());
        published.increment(done.size());
        if (error != null) {
            throw new IllegalStateException(
                    (records.size() - done.size()) + " of " + records.size() + " events not published: " + error);
        }
        return claim.events().size();
    }

    private void purge() {
        try {
            int deleted = store.purge(Instant.now().minus(settings.retention()));
            if (deleted > 0) {
                Log.infof("Deleted %d outbox events published more than %s ago", deleted, settings.retention());
            }
        } catch (RuntimeException e) {
            Log.warnf("Outbox purge failed, tried again in an hour: %s", e.toString());
        }
    }

    private void failed(RuntimeException e) {
        consecutiveFailures++;
        failures.increment();
        long pause = Math.min(settings.maxBackoff().toMillis(), 100L << Math.min(consecutiveFailures, 16));
        pausedUntil = Instant.now().plusMillis(pause);
        if (consecutiveFailures == 1 || consecutiveFailures % 100 == 0) {
            Log.warnf("Outbox cannot publish (%d attempts), events stay and are retried: %s", consecutiveFailures,
                    e.toString());
        } else {
            Log.debugf("Outbox attempt %d failed, next in %d ms: %s", consecutiveFailures, pause, e.toString());
        }
        worker.schedule(() -> {
            // The pause is over when this runs, whatever the wall clock says.
            pausedUntil = Instant.MIN;
            round(false);
        }, pause, TimeUnit.MILLISECONDS);
    }

    private void recovered() {
        if (consecutiveFailures > 0) {
            Log.infof("Outbox publishing again after %d failed attempts", consecutiveFailures);
            consecutiveFailures = 0;
        }
        pausedUntil = Instant.MIN;
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        if (worker != null) {
            worker.shutdown();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
