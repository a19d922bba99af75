package dev.shipnotify.review.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link Orders} from {@code order-placed}, {@code order-cancelled} and {@code shipment-updated} (a parcel on
 * its way back). Each effect is an idempotent upsert, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class OrderConsumers {
    private static final Set<ShipmentStatus> GOING_BACK = EnumSet.of(ShipmentStatus.RETURNING, ShipmentStatus.RETURNED);

    private final ObjectMapper json;
    private final Orders orders;

    public OrderConsumers(ObjectMapper json, Orders orders) {
        this.json = json;
        this.orders = orders;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void orderPlaced(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.ORDER_PLACED, event -> orders.placed(event.read(json, OrderPlaced.class)));
    }

    @Incoming(Topics.ORDER_CANCELLED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void orderCancelled(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.ORDER_CANCELLED,
                event -> orders.cancelled(event.read(json, OrderCancelled.class).orderId()));
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void shipmentUpdated(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_UPDATED, event -> {
            ShipmentUpdated update = event.read(json, ShipmentUpdated.class);
            if (GOING_BACK.contains(update.status())) {
                orders.returned(update.orderId());
            }
        });
    }
}
