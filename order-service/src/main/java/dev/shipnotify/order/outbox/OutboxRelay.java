package dev.shipnotify.order.outbox;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.order.OrderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes outbox rows to Kafka, oldest first, and marks them published in the transaction that claimed them.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work without sending a row twice
 * at once; only the oldest unpublished row of each key is claimable, so events of one order reach its partition
 * in the order they were written even with several replicas. A row is marked published only after the broker
 * acknowledged it ({@code acks=all}); if the process dies in between, the row is sent again, which consumers
 * absorb by de-duplicating on {@code ce_id}. A row that cannot be sent stays and is retried with backoff, forever:
 * the relay never skips a row.
 *
 * <p>It runs right after each commit that wrote a row, and every {@code order.outbox.poll-interval} for rows no
 * commit of this process announced.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final String CLAIM = """
            select o.* from outbox o
            where o.published_at is null
              and not exists (select 1 from outbox earlier
                              where earlier.message_key = o.message_key and earlier.published_at is null
                                and earlier.seq < o.seq)
            order by o.seq
            limit :limit
            for update of o skip locked""";

    private final EntityManager em;
    private final OutboxProducer producer;
    private final OrderConfig.Outbox config;
    private final String source;
    private final Counter published;
    private final Counter failures;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay-nudge");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private volatile Instant pausedUntil = Instant.MIN;
    private int consecutiveFailures;

    public OutboxRelay(EntityManager em, OutboxProducer producer, OrderConfig config, MeterRegistry registry) {
        this.em = em;
        this.producer = producer;
        this.config = config.outbox();
        this.source = config.eventSource();
        this.published = Counter.builder("outbox.published").description("Outbox rows published to Kafka")
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("Outbox publish attempts that failed and will be retried").register(registry);
    }

    @Scheduled(identity = "outbox-relay", every = "${order.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEventWritten written) {
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgeQueued.set(false);
                drain();
            });
        }
    }

    /**
     * Publishes until nothing is pending or an attempt fails. Runs at most once at a time in this process; a call
     * that finds it running makes the running one go round once more instead of waiting.
     */
    public void drain() {
        pending.set(true);
        while (pending.get() && running.compareAndSet(false, true)) {
            try {
                while (pending.getAndSet(false) && Instant.now().isAfter(pausedUntil)) {
                    publishAll();
                }
            } finally {
                running.set(false);
            }
        }
    }

    /** True while no drain runs in this process. */
    boolean idle() {
        return !running.get();
    }

    private void publishAll() {
        try {
            Batch batch;
            do {
                batch = QuarkusTransaction.requiringNew()
                        .timeout((int) Math.max(30, config.sendTimeout().toSeconds() * 3))
                        .call(this::publishBatch);
                published.increment(batch.published());
                if (batch.failed() > 0) {
                    failed(batch.error());
                    return;
                }
            } while (batch.claimed() > 0);
            recovered();
        } catch (RuntimeException e) {
            failed(e.toString());
        }
    }

    /** Claims a batch, sends it, waits for the acks and marks what was acknowledged; one transaction. */
    private Batch publishBatch() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> rows = em.createNativeQuery(CLAIM, OutboxEvent.class)
                .setParameter("limit", config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return new Batch(0, 0, 0, null);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        String error = null;
        for (OutboxEvent row : rows) {
            try {
                Future<RecordMetadata> send = producer.get().send(record(row));
                sends.add(send);
                if (send.isDone() && failedAlready(send)) {
                    break;
                }
            } catch (RuntimeException e) {
                error = e.toString();
                break;
            }
        }
        List<UUID> acked = new ArrayList<>();
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(rows.get(i).id);
            } catch (ExecutionException e) {
                error = String.valueOf(e.getCause());
            } catch (TimeoutException e) {
                error = "no ack within " + config.sendTimeout();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
        }
        markPublished(acked);
        // Rows after a failed send were never tried; they stay as they are, claimable again next round.
        List<UUID> failed = rows.subList(0, sends.size()).stream().map(r -> r.id).filter(id -> !acked.contains(id))
                .toList();
        markFailed(failed, error);
        int notPublished = rows.size() - acked.size();
        return new Batch(rows.size(), acked.size(), notPublished, error);
    }

    private ProducerRecord<String, String> record(OutboxEvent row) {
        return CloudEventHeaders.traced(CloudEventHeaders.record(row.topic, row.messageKey, row.payload,
                row.id.toString(), row.ceType, source, row.createdAt.toString()), row.traceParent);
    }

    private static boolean failedAlready(Future<RecordMetadata> send) {
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void markPublished(List<UUID> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("""
                    update outbox set published_at = :now, attempts = attempts + 1, last_error = null
                    where id in (:ids)""")
                    .setParameter("now", Instant.now())
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
    }

    private void markFailed(List<UUID> ids, String error) {
        if (!ids.isEmpty()) {
            String reason = error == null ? "not sent" : error;
            em.createNativeQuery("update outbox set attempts = attempts + 1, last_error = :error where id in (:ids)")
                    .setParameter("error", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
    }

    private synchronized void failed(String error) {
        consecutiveFailures++;
        failures.increment();
        long pauseMillis = Math.min(config.maxBackoff().toMillis(),
                config.pollInterval().toMillis() << Math.min(consecutiveFailures, 16));
        pausedUntil = Instant.now().plusMillis(pauseMillis);
        if (consecutiveFailures == 1) {
            Log.warnf("Outbox relay cannot publish, rows stay and are retried: %s", error);
        } else {
            Log.debugf("Outbox relay attempt %d failed, next in %d ms: %s", consecutiveFailures, pauseMillis, error);
        }
    }

    private synchronized void recovered() {
        if (consecutiveFailures > 0) {
            Log.infof("Outbox relay publishing again after %d failed attempts", consecutiveFailures);
            consecutiveFailures = 0;
        }
        pausedUntil = Instant.MIN;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        nudges.shutdown();
        nudges.awaitTermination(5, TimeUnit.SECONDS);
    }

    private record Batch(int claimed, int published, int failed, String error) {
    }
}
