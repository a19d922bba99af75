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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * consumers de-duplicate on. It runs right after each write that added events, reading the shipments it was
 * told of by id, and on a poll that looks through all shipments for events left behind (a crash, a broker down).
 */
@ApplicationScoped
public class EventRelay {
    static final String COLLECTION = "shipments";

    private final MongoCollection<Document> documents;
    private final TrackingConfig.Outbox config;
    private final String source;
    private final Map<String, Object> kafka;
    private final MeterRegistry metrics;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "event-relay-nudge");
        thread.setDaemon(true);
        return thread;
    });
    private static final Document PROJECTION = new Document(PendingEvent.FIELD, 1).append(PendingEvent.FLAG, 1)
            .append("version", 1);

    private final Queue<String> announced = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scanWanted = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private Producer<String, String> producer;

    public EventRelay(Store store, TrackingConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.documents = store.collection(COLLECTION);
        this.config = config.outbox();
        this.source = config.eventSource();
        this.kafka = Map.copyOf(kafka);
        this.metrics = metrics;
    }

    @Scheduled(identity = "event-relay", every = "${tracking.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /**
     * Asks for the events just written to this shipment to be published soon, off the caller's thread; many
     * nudges while one is queued make one drain, which reads the nudged shipments by id.
     */
    public void nudge(String shipmentId) {
        announced.add(shipmentId);
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgeQueued.set(false);
                run();
            });
        }
    }

    /** Publishes every waiting event, looking through all shipments: those of nudges, and any left behind. */
    public void drain() {
        scanWanted.set(true);
        run();
    }

    /**
     * One drain at a time per process, so an event is not sent twice by the nudges and the poll of one process.
     * A nudge or poll during a drain makes it go round once more; a failure ends it until the next poll, and the
     * shipments' flags keep what was not published.
     */
    private void run() {
        while ((!announced.isEmpty() || scanWanted.get()) && running.compareAndSet(false, true)) {
            try {
                do {
                    if (!publishAnnounced() || scanWanted.getAndSet(false) && !publishFlagged()) {
                        return;
                    }
                } while (!announced.isEmpty() || scanWanted.get());
            } catch (RuntimeException e) {
                Log.warnf("Event relay cannot publish now; events stay and are retried: %s", e.toString());
                return;
            } finally {
                running.set(false);
            }
        }
    }

    /** The nudged shipments, a batch at a time, read by id; false if a send failed. */
    private boolean publishAnnounced() {
        while (!announced.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            for (String id; ids.size() < config.batchSize() && (id = announced.poll()) != null; ) {
                ids.add(id);
            }
            List<Document> batch = documents.find(Filters.in("_id", ids)).projection(PROJECTION)
                    .into(new ArrayList<>()).stream()
                    .filter(document -> document.getBoolean(PendingEvent.FLAG, false)).toList();
            if (!batch.isEmpty() && !publish(batch)) {
                return false;
            }
        }
        return true;
    }

    /** Every shipment flagged as holding events, a batch at a time; false if a send failed. */
    private boolean publishFlagged() {
        List<Document> batch;
        do {
            batch = documents.find(Filters.eq(PendingEvent.FLAG, true)).limit(config.batchSize())
                    .projection(PROJECTION).into(new ArrayList<>());
            if (!batch.isEmpty() && !publish(batch)) {
                return false;
            }
        } while (batch.size() == config.batchSize());
        return true;
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
            if (acked.size() == events.get(d).size()) {
                // Only if no write added events since the read: a write moves the version, removing events does not.
                writes.add(new UpdateOneModel<>(Store.allOf("_id", id, "version", batch.get(d).get("version")),
                        Updates.set(PendingEvent.FLAG, false)));
            }
        }
        if (!writes.isEmpty()) {
            documents.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
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
        return CloudEventHeaders.traced(CloudEventHeaders.record(event.topic(), event.key(), event.payload(), event.id(),
                event.ceType(), source, event.createdAt().toString()), event.traceParent());
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
