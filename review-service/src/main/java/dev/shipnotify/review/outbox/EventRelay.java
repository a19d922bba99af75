package dev.shipnotify.review.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.review.ReviewConfig;
import dev.shipnotify.review.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * Publishes the events waiting in review requests ({@link PendingEvent}) and removes each from its document once
 * the broker acknowledged it ({@code acks=all}, idempotent producer, key = order id). If the process dies between
 * the ack and the removal, the event goes again with the same {@code ce_id}, which consumers de-duplicate on. It
 * runs when nudged after a write and on a poll, which also finds what a crash or a broker outage left behind.
 */
@ApplicationScoped
public class EventRelay {
    public static final String COLLECTION = "review_requests";
    private static final int BATCH = 500;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Document PROJECTION = new Document(PendingEvent.FIELD, 1).append("version", 1);

    private final MongoCollection<Document> documents;
    private final String source;
    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "review-event-relay");
        thread.setDaemon(true);
        return thread;
    });
    private Producer<String, String> producer;

    public EventRelay(Store store, ReviewConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.documents = store.collection(COLLECTION);
        this.source = config.eventSource();
        this.kafka = Map.copyOf(kafka);
        this.metrics = metrics;
    }

    @Scheduled(identity = "review-event-relay", every = "${review.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Asks for a drain soon, off the caller's thread; nudges while one is queued make one drain. */
    public void nudge() {
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgeQueued.set(false);
                drain();
            });
        }
    }

    /**
     * Publishes every waiting event, a batch of documents at a time; one drain at a time per process, and a call
     * during a drain makes it go round once more. A failure ends it until the next poll; the documents keep what
     * was not published.
     */
    public void drain() {
        wanted.set(true);
        while (wanted.get() && draining.tryLock()) {
            try {
                while (wanted.getAndSet(false)) {
                    if (!publishWaiting()) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                Log.warnf("Review event relay cannot publish now; events stay and are retried: %s", e.toString());
                return;
            } finally {
                draining.unlock();
            }
        }
    }

    private boolean publishWaiting() {
        List<Document> batch;
        do {
            batch = documents.find(Filters.eq(PendingEvent.FLAG, true)).limit(BATCH).projection(PROJECTION)
                    .into(new ArrayList<>());
            if (!batch.isEmpty() && !publish(batch)) {
                return false;
            }
        } while (batch.size() == BATCH);
        return true;
    }

    /** Sends the batch's events, waits once for their acks, removes the acknowledged ones; false if any was not. */
    private boolean publish(List<Document> batch) {
        List<List<PendingEvent>> events = new ArrayList<>();
        List<List<Future<RecordMetadata>>> sends = new ArrayList<>();
        for (Document document : batch) {
            List<PendingEvent> pending = document.getList(PendingEvent.FIELD, Document.class, List.of()).stream()
                    .map(PendingEvent::of).toList();
            events.add(pending);
            sends.add(pending.stream().map(event -> producer().send(record(event))).toList());
        }
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        boolean all = true;
        for (int d = 0; d < batch.size(); d++) {
            Object id = batch.get(d).get("_id");
            List<String> acked = acknowledged(events.get(d), sends.get(d), deadline, id);
            all &= acked.size() == events.get(d).size();
            if (!acked.isEmpty()) {
                documents.updateOne(Filters.eq("_id", id), Updates.pull(PendingEvent.FIELD, Filters.in("id", acked)));
            }
            if (acked.size() == events.get(d).size()) {
                // Only if no write added events since the read: a write that adds events moves the version.
                documents.updateOne(new Document("_id", id).append("version", batch.get(d).get("version")),
                        Updates.set(PendingEvent.FLAG, false));
            }
        }
        return all;
    }

    private static List<String> acknowledged(List<PendingEvent> events, List<Future<RecordMetadata>> sends,
            long deadline, Object document) {
        List<String> acked = new ArrayList<>();
        try {
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(events.get(i).id());
            }
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("Review event relay: %d of %d events of %s acknowledged, the rest stay: %s", acked.size(),
                    events.size(), document, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return acked;
    }

    private ProducerRecord<String, String> record(PendingEvent event) {
        return CloudEventHeaders.traced(CloudEventHeaders.record(event.topic(), event.key(), event.payload(), event.id(),
                event.ceType(), source, event.createdAt().toString()), event.traceParent());
    }

    /** acks=all and idempotence are set here, whatever {@code kafka.*} says. */
    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "review-service-events");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
            // Records sent per topic (kafka_producer_topic_record_send_total), among the client's own metrics.
            new KafkaClientMetrics(producer).bindTo(metrics);
        }
        return producer;
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        nudges.shutdown();
        nudges.awaitTermination(5, TimeUnit.SECONDS);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
