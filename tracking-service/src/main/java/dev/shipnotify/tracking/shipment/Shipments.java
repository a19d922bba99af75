package dev.shipnotify.tracking.shipment;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.tracking.Store;
import dev.shipnotify.messaging.MongoOutbox;
import dev.shipnotify.messaging.OutboxEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code shipments} collection: one document per shipment, holding its checkpoints and the events not yet
 * published ({@link MongoOutbox}), so a change and its events are one single-document write. A unique index on
 * carrier and tracking number makes one parcel one shipment.
 */
@ApplicationScoped
public class Shipments {
    static final String COLLECTION = "shipments";

    private static final int REMEMBERED = 100_000;

    private final MongoCollection<Document> shipments;
    /** Carrier key and tracking number as a courier named them, to the shipment's id; the least recent go. */
    private final Map<String, String> resolved = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public Shipments(Store store) {
        this.shipments = store.collection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent started) {
        shipments.createIndex(Indexes.ascending("carrierKey", "trackingNumber"), new IndexOptions().unique(true));
        // Every write to a shipment filters on _id and version; MongoOutbox creates that index.
        shipments.createIndex(Indexes.ascending("trackingNumber"));
        shipments.createIndex(Indexes.ascending("orderId"));
    }

    /** Stores a new shipment; empty if its carrier and tracking number are registered already. */
    Optional<Shipment> insert(Shipment shipment) {
        try {
            shipments.insertOne(toDocument(shipment));
            return Optional.of(shipment);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Shipment> find(String id) {
        return Optional.ofNullable(shipments.find(Filters.eq("_id", id)).first()).map(Shipments::toShipment);
    }

    /**
     * The shipment with this tracking number and the same carrier ({@link Carriers#same}), the exact name first.
     * Which shipment a carrier name and number lead to is remembered: shipments are never deleted, so the answer
     * holds, and the next scan reads the shipment by id. (A parcel registered later under a closer carrier name
     * with the same tracking number would not take over a name already resolved; couriers do not share numbers
     * so closely.)
     */
    public Optional<Shipment> find(String carrier, String trackingNumber) {
        String key = Carriers.key(carrier);
        String number = trackingNumber.strip();
        String asNamed = key + "\u001f" + number;
        String known = resolved.get(asNamed);
        Optional<Shipment> found = known == null ? Optional.empty() : find(known);
        if (found.isEmpty()) {
            found = Optional.ofNullable(shipments.find(Store.allOf("carrierKey", key, "trackingNumber", number))
                            .first()).map(Shipments::toShipment)
                    .or(() -> shipments.find(Filters.eq("trackingNumber", number)).map(Shipments::toShipment)
                            .into(new ArrayList<>()).stream()
                            .filter(s -> Carriers.same(s.carrier(), carrier))
                            .findFirst());
            found.ifPresent(shipment -> resolved.put(asNamed, shipment.id()));
        }
        return found;
    }

    /**
     * Adds checkpoints and events to the shipment as it was at {@code shipment.version()}. False when another
     * write came first: read it again and start over.
     */
    boolean append(Shipment shipment, List<Shipment.Recorded> checkpoints, Progress progress,
            boolean deliveredPublished, List<OutboxEvent> events, Instant now) {
        Instant lastScan = Stream.concat(shipment.checkpoints().stream(), checkpoints.stream())
                .map(c -> c.checkpoint().time()).max(Comparator.naturalOrder()).orElse(shipment.createdAt());
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.pushEach("checkpoints", checkpoints.stream().map(Shipments::toDocument).toList()),
                Updates.set("lastScanAt", Date.from(lastScan)),
                Updates.set("status", progress.status().name()),
                Updates.set("reason", progress.reason() == null ? null : progress.reason().name()),
                Updates.set("deliveredPublished", deliveredPublished),
                Updates.set("updatedAt", Date.from(now)),
                Updates.inc("version", 1L)));
        if (!events.isEmpty()) {
            updates.add(MongoOutbox.add(events));
        }
        return shipments.updateOne(Store.allOf("_id", shipment.id(), "version", shipment.version()),
                Updates.combine(updates)).getMatchedCount() == 1;
    }

    /**
     * Shipments on their way (not delivered, returning or done) that nobody reported on since {@code silentSince},
     * or whose promised date is over everywhere ({@code promisedBy}: the day after it, 00:00 UTC) by {@code now};
     * skipping those already announced as delayed by {@code delaySource}.
     */
    List<Shipment> overdue(Instant now, Instant silentSince, String delaySource, int limit) {
        return shipments.find(Filters.and(
                        Filters.nin("status", ShipmentStatus.DELIVERED.name(), ShipmentStatus.RETURNING.name(),
                                ShipmentStatus.RETURNED.name(), ShipmentStatus.EXPIRED.name()),
                        Filters.ne("checkpoints.source", delaySource),
                        Filters.or(Filters.lt("lastScanAt", Date.from(silentSince)),
                                Filters.lt("promisedBy", Date.from(now)))))
                .limit(limit)
                .map(Shipments::toShipment)
                .into(new ArrayList<>());
    }

    private static Document toDocument(Shipment s) {
        return MongoOutbox.none(new Document("_id", s.id())
                .append("merchantId", s.merchantId())
                .append("orderId", s.orderId())
                .append("carrier", s.carrier())
                .append("carrierKey", s.carrierKey())
                .append("trackingNumber", s.trackingNumber())
                .append("promisedDate", s.promisedDate() == null ? null : s.promisedDate().toString())
                .append("promisedBy", s.promisedBy() == null ? null : Date.from(s.promisedBy()))
                .append("lastScanAt", Date.from(s.createdAt()))
                .append("pageToken", s.pageToken())
                .append("checkpoints", s.checkpoints().stream().map(Shipments::toDocument).toList())
                .append("status", s.progress().status().name())
                .append("reason", s.progress().reason() == null ? null : s.progress().reason().name())
                .append("deliveredPublished", s.deliveredPublished())
                .append("createdAt", Date.from(s.createdAt()))
                .append("updatedAt", Date.from(s.updatedAt()))
                .append("version", s.version()));
    }

    private static Document toDocument(Shipment.Recorded recorded) {
        return CheckpointDocuments.write(recorded.checkpoint(), new Document("scanKey", recorded.scanKey())
                .append("source", recorded.source()));
    }

    private static Shipment toShipment(Document d) {
        List<Shipment.Recorded> checkpoints = d.getList("checkpoints", Document.class, List.of()).stream()
                .map(Shipments::toRecorded).toList();
        String promised = d.getString("promisedDate");
        return new Shipment(d.getString("_id"), d.getString("merchantId"), d.getString("orderId"),
                d.getString("carrier"), d.getString("trackingNumber"), promised == null ? null : LocalDate.parse(promised),
                d.getString("pageToken"), checkpoints, d.getBoolean("deliveredPublished", false),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                ((Number) d.get("version")).longValue());
    }

    private static Shipment.Recorded toRecorded(Document d) {
        return new Shipment.Recorded(d.getString("scanKey"), d.getString("source"), CheckpointDocuments.read(d));
    }
}
