package dev.shipnotify.order.shipments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import dev.shipnotify.order.orders.ShipmentReport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code shipment-updated} and {@code delivered}, so {@code GET /api/orders/{id}} shows how far each
 * order got. A record is acknowledged when its method returns, after the transaction that applied it committed.
 * A poison record (no {@code ce_id}, not the event it claims, an order unknown here) goes to
 * {@code <topic>.order-service.dlq} at once with the reason; anything else (the database briefly unreachable) is
 * retried with backoff first.
 */
@ApplicationScoped
public class ShipmentEventsConsumer {
    private final ObjectMapper json;
    private final ShipmentProgress progress;

    public ShipmentEventsConsumer(ObjectMapper json, ShipmentProgress progress) {
        this.json = json;
        this.progress = progress;
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void shipmentUpdated(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_UPDATED, event -> {
            ShipmentUpdated updated = event.read(json, ShipmentUpdated.class);
            ShipmentReport report = new ShipmentReport(updated.shipmentId(), updated.carrier(),
                    updated.trackingNumber(), updated.status(), updated.checkpoint().time(), updated.trackingUrl());
            progress.apply(event, updated.orderId(), updated.merchantId(), report);
        });
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void delivered(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_DELIVERED, event -> {
            ShipmentDelivered delivered = event.read(json, ShipmentDelivered.class);
            ShipmentReport report = new ShipmentReport(delivered.shipmentId(), delivered.carrier(),
                    delivered.trackingNumber(), ShipmentStatus.DELIVERED, delivered.deliveredAt(),
                    delivered.trackingUrl());
            progress.apply(event, delivered.orderId(), delivered.merchantId(), report);
        });
    }
}
