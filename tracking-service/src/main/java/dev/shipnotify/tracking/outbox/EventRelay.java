package dev.shipnotify.tracking.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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
            if (!batch.isEmpty() && !publish(batch)) {
                return;
            }
        } while (batch.size() == config.batchSize());
    }

    /**
     * Sends the events of every document of the batch, waits once for their acks, and removes the acknowledged
     * events from their documents in one bulk write; false if any event was not acknowledged. Per document only
     * the events up to the first one not acknowledged are removed, so a shipment's events keep their order.
     */
    private boolean publish(List<Document> batch) {
        List<List<PendingEvent>> events = new ArrayList<>();
        List<List<Future<RecordMetadata>>> sends = new ArrayList<>();
        for (Document document : batch) {
            List<PendingEvent> pending = document.getList(PendingEvent.FIELD, Document.class, List.of()).stream()
                    .map(PendingEvent::of).toList();
            events.add(pending);
            sends.add(pending.stream().map(event -> producer().send(record(event))).toList());
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<WriteModel<Document>> writes = new ArrayList<>();
        boolean all = true;
        for (int d = 0; d < batch.size(); d++) {
            Object id = batch.get(d).get("_id");
            List<String> acked = acknowledged(events.get(d), sends.get(d), deadline, id);
            all &= acked.size() == events.get(d).size();
            if (!acked.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                        Updates.pull(PendingEvent.FIELD, Filters.in("id", acked))));
            }
            // Clears the flag only if no write added events meanwhile: both conditions are checked in one update.
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.size(PendingEvent.FIELD, 0)),
                    Updates.set(PendingEvent.FLAG, false)));
        }
        documents.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        return all;
    }

    /** The ids of the leading events whose sends the broker acknowledged by the deadline. */
    private static List<String> acknowledged(List<PendingEvent> events, List<Future<RecordMetadata>> sends,
            long deadline, Object document) {
        List<String> acked = new ArrayList<>();
        try {
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(events.get(i).id());
            }
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("Event relay: %d of %d events of %s acknowledged, the rest stay: %s", acked.size(),
                    events.size(), document, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return acked;
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
