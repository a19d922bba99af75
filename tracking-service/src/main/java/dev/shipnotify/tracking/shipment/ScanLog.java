package dev.shipnotify.tracking.shipment;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.shipnotify.tracking.Store;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Every scan a courier sent, once: the {@code scans} collection's id is {@link Scan#key()}, so a repeated scan is
 * a duplicate-key no-op. A scan stays {@code applied: false} until its shipment holds it, which is also how a scan
 * for a parcel not registered yet waits for its registration: nothing a courier sent is lost.
 */
@ApplicationScoped
public class ScanLog {
    static final String COLLECTION = "scans";

    private final MongoCollection<Document> scans;

    public ScanLog(Store store) {
        this.scans = store.collection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent started) {
        scans.createIndex(Indexes.ascending("trackingNumber", "applied"));
    }

    /** Keeps the scan; false if it was kept before. */
    boolean record(Scan scan, Instant receivedAt) {
        try {
            scans.insertOne(CheckpointDocuments.write(scan.checkpoint(), new Document("_id", scan.key())
                    .append("source", scan.source())
                    .append("carrier", scan.carrier())
                    .append("carrierKey", scan.carrierKey())
                    .append("trackingNumber", scan.trackingNumber().strip()))
                    .append("receivedAt", Date.from(receivedAt))
                    .append("applied", false));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The scans of this parcel (its tracking number, the same carrier) that no shipment holds yet, oldest first. */
    List<Scan> unapplied(String carrier, String trackingNumber) {
        return scans.find(Filters.and(Filters.eq("trackingNumber", trackingNumber.strip()),
                        Filters.eq("applied", false)))
                .sort(Sorts.ascending("time"))
                .map(ScanLog::toScan)
                .into(new ArrayList<>()).stream()
                .filter(scan -> Carriers.same(scan.carrier(), carrier))
                .toList();
    }

    void applied(List<Scan> applied) {
        if (!applied.isEmpty()) {
            scans.updateMany(Filters.in("_id", applied.stream().map(Scan::key).toList()),
                    Updates.set("applied", true));
        }
    }

    private static Scan toScan(Document d) {
        return new Scan(d.getString("source"), d.getString("carrier"), d.getString("trackingNumber"),
                CheckpointDocuments.read(d));
    }
}
