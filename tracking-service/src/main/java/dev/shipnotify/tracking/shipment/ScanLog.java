package dev.shipnotify.tracking.shipment;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.InsertManyOptions;
import dev.shipnotify.tracking.Store;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Every scan a courier sent, once: the {@code scans} collection's id is {@link Scan#key()}, so a repeated scan is
 * a duplicate-key no-op. It is also where a scan for a parcel not registered yet waits: registration reads the
 * parcel's scans from here, so nothing a courier sent is lost.
 */
@ApplicationScoped
public class ScanLog {
    static final String COLLECTION = "scans";

    private final MongoCollection<Document> scans;

    public ScanLog(Store store) {
        this.scans = store.collection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent started) {
        scans.createIndex(Indexes.ascending("trackingNumber"));
    }

    /**
     * Keeps the scans in one write, each once (a repeat within the list as well); answers those not kept before,
     * in their order.
     */
    List<Scan> record(List<Scan> received, Instant receivedAt) {
        Map<String, Scan> byKey = new LinkedHashMap<>();
        received.forEach(scan -> byKey.putIfAbsent(scan.key(), scan));
        if (byKey.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>();
        byKey.forEach((key, scan) -> documents.add(CheckpointDocuments.write(scan.checkpoint(),
                new Document("_id", key)
                        .append("source", scan.source())
                        .append("carrier", scan.carrier())
                        .append("carrierKey", scan.carrierKey())
                        .append("trackingNumber", scan.trackingNumber().strip()))
                .append("receivedAt", Date.from(receivedAt))));
        List<Scan> fresh = new ArrayList<>(byKey.values());
        try {
            scans.insertMany(documents, new InsertManyOptions().ordered(false));
            return fresh;
        } catch (MongoBulkWriteException e) {
            Set<Integer> kept = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                kept.add(error.getIndex());
            }
            List<Scan> added = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                if (!kept.contains(i)) {
                    added.add(fresh.get(i));
                }
            }
            return added;
        }
    }

    /** Every scan of this parcel (its tracking number, the same carrier), oldest first. */
    List<Scan> reported(String carrier, String trackingNumber) {
        return scans.find(Filters.eq("trackingNumber", trackingNumber.strip()))
                .sort(Sorts.ascending("time"))
                .map(ScanLog::toScan)
                .into(new ArrayList<>()).stream()
                .filter(scan -> Carriers.same(scan.carrier(), carrier))
                .toList();
    }

    private static Scan toScan(Document d) {
        return new Scan(d.getString("source"), d.getString("carrier"), d.getString("trackingNumber"),
                CheckpointDocuments.read(d));
    }
}
