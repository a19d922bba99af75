package dev.shipnotify.tracking.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.messaging.TraceParents;
import dev.shipnotify.tracking.TrackingConfig;
import dev.shipnotify.messaging.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events a shipment's move announces: {@code shipment-updated} whenever its status (or the reason of an
 * exception) changes, and {@code delivered} the first time it is delivered. Keyed by order id.
 */
@ApplicationScoped
public class ShipmentEvents {
    private final ObjectMapper json;
    private final String publicUrl;

    public ShipmentEvents(ObjectMapper json, TrackingConfig config) {
        this.json = json;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** The shopper's link to the tracking page; the token makes it unguessable. */
    public String trackingUrl(Shipment shipment) {
        return publicUrl + "/track/" + encode(shipment.carrierKey()) + "/" + encode(shipment.trackingNumber())
                + "?t=" + shipment.pageToken();
    }

    List<OutboxEvent> of(Shipment shipment, Progress before, Progress after, boolean announceDelivery, Instant now) {
        List<OutboxEvent> events = new ArrayList<>();
        if (!after.differsFrom(before)) {
            return events;
        }
        String url = trackingUrl(shipment);
        events.add(pending(EventType.SHIPMENT_UPDATED, shipment, new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION,
                shipment.id(), shipment.orderId(), shipment.merchantId(), shipment.carrier(),
                shipment.trackingNumber(), after.status(), before.status(), after.reason(), after.checkpoint(),
                shipment.promisedDate(), url), now));
        if (announceDelivery && after.status() == ShipmentStatus.DELIVERED) {
            events.add(pending(EventType.SHIPMENT_DELIVERED, shipment, new ShipmentDelivered(
                    ShipmentDelivered.SCHEMA_VERSION, shipment.id(), shipment.orderId(), shipment.merchantId(),
                    shipment.carrier(), shipment.trackingNumber(), after.checkpoint().time(),
                    after.checkpoint().location(), url), now));
        }
        return events;
    }

    private OutboxEvent pending(EventType type, Shipment shipment, Record body, Instant now) {
        return OutboxEvent.of(type, shipment.orderId(), body, json, now);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
