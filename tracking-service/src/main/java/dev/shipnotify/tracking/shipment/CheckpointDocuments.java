package dev.shipnotify.tracking.shipment;

import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentStatus;
import java.util.Date;
import org.bson.Document;

/** A checkpoint's fields in a MongoDB document, the same in {@code shipments} and {@code scans}. */
final class CheckpointDocuments {
    private CheckpointDocuments() {
    }

    /** Adds the checkpoint's fields to {@code document} and answers it. */
    static Document write(Checkpoint c, Document document) {
        Location l = c.location();
        return document.append("time", Date.from(c.time()))
                .append("status", c.status().name())
                .append("reason", c.reason() == null ? null : c.reason().name())
                .append("courierCode", c.courierCode())
                .append("message", c.message())
                .append("location", l == null ? null
                        : new Document("city", l.city()).append("region", l.region()).append("country", l.country()));
    }

    static Checkpoint read(Document d) {
        Document l = d.get("location", Document.class);
        String reason = d.getString("reason");
        return new Checkpoint(d.getDate("time").toInstant(), ShipmentStatus.valueOf(d.getString("status")),
                reason == null ? null : ExceptionReason.valueOf(reason), d.getString("courierCode"),
                d.getString("message"), l == null ? null
                        : new Location(l.getString("city"), l.getString("region"), l.getString("country")));
    }
}
