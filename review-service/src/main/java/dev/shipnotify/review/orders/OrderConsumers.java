package dev.shipnotify.review.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderCancelled;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link Orders} from {@code order-placed}, {@code order-cancelled} and {@code shipment-updated} (a parcel on
 * its way back), a batch in one bulk write. Each effect is an idempotent upsert, so a redelivered event changes
 * nothing.
 */
@ApplicationScoped
public class OrderConsumers {
    private static final Set<ShipmentStatus> GOING_BACK = EnumSet.of(ShipmentStatus.RETURNING, ShipmentStatus.RETURNED);

    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final Orders orders;

    public OrderConsumers(EventConsumer consumer, ObjectMapper json, Orders orders) {
        this.consumer = consumer;
        this.json = json;
        this.orders = orders;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    public void orderPlaced(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.ORDER_PLACED,
                events -> orders.placed(events.stream().map(event -> event.read(json, OrderPlaced.class)).toList()));
    }

    @Incoming(Topics.ORDER_CANCELLED)
    @Blocking
    public void orderCancelled(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.ORDER_CANCELLED, events -> orders.cancelled(events.stream()
                .map(event -> event.read(json, OrderCancelled.class).orderId()).toList()));
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    public void shipmentUpdated(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_UPDATED, events -> orders.returned(events.stream()
                .map(event -> event.read(json, ShipmentUpdated.class))
                .map(update -> GOING_BACK.contains(update.status()) ? update.orderId() : null)
                .filter(Objects::nonNull).toList()));
    }
}
