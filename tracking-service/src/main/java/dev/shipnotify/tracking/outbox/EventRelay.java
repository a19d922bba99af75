package dev.shipnotify.tracking.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.tracking.Store;
import dev.shipnotify.tracking.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * Publishes the events waiting in shipment documents ({@link PendingEvent}), oldest first per shipment, and removes
 * each from its document once the broker acknowledged it ({@code acks=all}, idempotent producer, key = order id).
 * If the process dies between the ack and the removal, the event is sent again with the same {@code ce_id}, which
 * consumers de-duplicate on. It runs right after each write that added events, and on a poll for the rest.
 */
@ApplicationScoped
public class EventRelay {
    static final String COLLECTION = "shipments";

    private final MongoCollection<Document> documents;
    private final TrackingConfig.Outbox config;
    private final String source;
    private final Map<String, Object> kafka;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "event-relay-nudge");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private Producer<String, String> producer;

    public EventRelay(Store store, TrackingConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.documents = store.collection(COLLECTION);
        this.config = config.outbox();
        this.source = config.eventSource();
        this.kafka = Map.copyOf(kafka);
    }

    @Scheduled(identity = "event-relay", every = "${tracking.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Asks for a drain soon, off the caller's thread; many nudges while one is queued make one drain. */
    public void nudge() {
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgeQueued.set(false);
                drain();
            });
        }
    }

    /** Publishes until nothing waits; a call while a drain runs makes that drain go round once more. */
    public void drain() {
        pending.set(true);
        while (pending.get() && running.compareAndSet(false, true)) {
            try {
                while (pending.getAndSet(false)) {
                    publishAll();
                }
            } catch (RuntimeException e) {
                Log.warnf("Event relay cannot publish now; events stay and are retried: %s", e.toString());
            } finally {
                running.set(false);
            }
        }
    }

    /** Rounds of up to a batch of shipments, until none waits; a failed send ends it until the next poll. */
    private void publishAll() {
        List<Document> batch;
        do {
            batch = documents.find(Filters.eq(PendingEvent.FLAG, true)).limit(config.batchSize())
                    .projection(new Document(PendingEvent.FIELD, 1)).into(new ArrayList<>());
            for (Document document : batch) {
                if (!publish(document)) {
                    return;
                }
            }
        } while (batch.size() == config.batchSize());
    }

    /** Sends the document's events and removes those acknowledged; false if any was not. */
    private boolean publish(Document document) {
        List<PendingEvent> events = document.getList(PendingEvent.FIELD, Document.class, List.of()).stream()
                .map(PendingEvent::of).toList();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (PendingEvent event : events) {
            sends.add(producer().send(record(event)));
        }
        List<String> acked = new ArrayList<>();
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        try {
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(events.get(i).id());
            }
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("Event relay: %d of %d events of %s acknowledged, the rest stay: %s", acked.size(),
                    events.size(), document.get("_id"), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Object id = document.get("_id");
        if (!acked.isEmpty()) {
            documents.updateOne(Filters.eq("_id", id),
                    Updates.pull(PendingEvent.FIELD, Filters.in("id", acked)));
        }
        // Clears the flag only if no write added events meanwhile: both conditions are checked in one update.
        documents.updateOne(Filters.and(Filters.eq("_id", id), Filters.size(PendingEvent.FIELD, 0)),
                Updates.set(PendingEvent.FLAG, false));
        return acked.size() == events.size();
    }

    private ProducerRecord<String, String> record(PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        header(record, CloudEventHeaders.ID, event.id());
        header(record, CloudEventHeaders.TYPE, event.ceType());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.TIME, event.createdAt().toString());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.SUBJECT, event.key());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** acks=all and idempotence are set here, whatever {@code kafka.*} says: losing or doubling events is not an option. */
    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            int timeout = (int) config.sendTimeout().toMillis();
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tracking-service-events");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeout / 2));
            producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
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
