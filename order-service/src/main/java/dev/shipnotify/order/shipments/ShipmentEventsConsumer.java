package dev.shipnotify.order.shipments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import dev.shipnotify.order.orders.ShipmentReport;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code shipment-updated} and {@code delivered}, so {@code GET /api/orders/{id}} shows how far each
 * order got. Each polled batch is read, then applied in one transaction by the messaging module's {@link EventConsumer}; a
 * poison record (no {@code ce_id}, not the event it claims, an order unknown here) goes to
 * {@code <topic>.order-service.dlq} alone, with the reason.
 */
@ApplicationScoped
public class ShipmentEventsConsumer {
    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final ShipmentProgress progress;

    public ShipmentEventsConsumer(EventConsumer consumer, ObjectMapper json, ShipmentProgress progress) {
        this.consumer = consumer;
        this.json = json;
        this.progress = progress;
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    public void shipmentUpdated(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_UPDATED, events -> progress.apply(events.stream().map(event -> {
            ShipmentUpdated updated = event.read(json, ShipmentUpdated.class);
            return new ShipmentProgress.News(event, updated.orderId(), updated.merchantId(), new ShipmentReport(
                    updated.shipmentId(), updated.carrier(), updated.trackingNumber(), updated.status(),
                    updated.checkpoint().time(), updated.trackingUrl()));
        }).toList()));
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    public void delivered(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_DELIVERED, events -> progress.apply(events.stream().map(event -> {
            ShipmentDelivered delivered = event.read(json, ShipmentDelivered.class);
            return new ShipmentProgress.News(event, delivered.orderId(), delivered.merchantId(), new ShipmentReport(
                    delivered.shipmentId(), delivered.carrier(), delivered.trackingNumber(), ShipmentStatus.DELIVERED,
                    delivered.deliveredAt(), delivered.trackingUrl()));
        }).toList()));
    }
}
